import type { Logger } from '@slack/bolt';
import { t } from '../i18n';
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
      await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          response_type: 'ephemeral',
          text: t(renewing ? 'error.accessRenewing' : 'error.notInstalled'),
        }),
      }).catch(() => undefined);
    }
    return;
  }
  // Bolt wraps errors; the message is enough, payloads stay out of the log.
  logger.error(`Unhandled error in a listener: ${error.message}`);
}
