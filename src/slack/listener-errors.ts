import type { Logger } from '@slack/bolt';
import { translator, type Locale } from '../i18n';
import { userLanguage } from '../services/language/language.service';
import { hostOf, type ResponseUrlCheck } from './response-url';

/** Bolt and @slack/oauth each wrap an authorization failure (`original`); the innermost says what happened. */
function rootCause(error: Error): Error {
  let cause = error;
  for (let depth = 0; depth < 5; depth += 1) {
    const inner = (cause as { original?: unknown }).original;
    if (!(inner instanceof Error)) break;
    cause = inner;
  }
  return cause;
}

/**
 * The language of a refused request's user: the one they chose in that workspace, else the workspace's (both are
 * kept through an uninstall's grace period), else English — never an error of its own.
 */
async function languageOfBody(body: unknown): Promise<Locale> {
  const b = (body ?? {}) as { team_id?: unknown; team?: { id?: unknown }; user_id?: unknown; user?: { id?: unknown } };
  const teamId = typeof b.team_id === 'string' ? b.team_id : b.team?.id;
  const userId = typeof b.user_id === 'string' ? b.user_id : b.user?.id;
  if (typeof teamId !== 'string' || !/^[TE][A-Z0-9]+$/.test(teamId)) return 'en';
  return userLanguage(teamId, typeof userId === 'string' ? userId : undefined).catch(() => 'en' as const);
}

/**
 * Errors that escaped a listener, and requests from a workspace Kontakt is not installed in (any more). The
 * latter are refused cleanly: logged in one line, and the user told why when Slack gave a response_url (this
 * runs before any middleware, so the response_url is checked here too).
 */
export async function reportListenerError(
  { error, body }: { error: Error & { code?: string }; body?: unknown },
  logger: Logger,
  responseUrlAllowed: ResponseUrlCheck,
): Promise<void> {
  const responseUrl = (body as { response_url?: unknown } | undefined)?.response_url;
  if (error.code === 'slack_bolt_authorization_error') {
    const renewing = rootCause(error).name === 'TokenRenewalPendingError';
    logger.warn(
      renewing
        ? `Refused a request: ${rootCause(error).message}`
        : `Refused a request from a workspace without an installation: ${error.message.split('\n')[0]}`,
    );
    if (responseUrl !== undefined && !responseUrlAllowed(responseUrl)) {
      logger.warn(`Not answering a response_url that points at ${hostOf(responseUrl)}, not at Slack`);
    } else if (typeof responseUrl === 'string') {
      const tr = translator(await languageOfBody(body));
      await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          response_type: 'ephemeral',
          text: tr.t(renewing ? 'error.accessRenewing' : 'error.notInstalled'),
        }),
      }).catch(() => undefined);
    }
    return;
  }
  // Bolt wraps errors; the message is enough, payloads stay out of the log.
  logger.error(`Unhandled error in a listener: ${error.message}`);
}
