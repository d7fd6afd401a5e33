import { isDatabaseUnavailable } from '../db/errors';
import type { MessageKey } from '../i18n';
import { isRegisterError } from '../integrations/brreg/enhetsregisteret.client';

/** The Slack error code of a Web API failure (`expired_trigger_id`, `ratelimited`…), if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Trigger ids work once and for 3 seconds; past that the user has to click again. */
export function isTriggerError(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code === 'expired_trigger_id' || code === 'exchanged_trigger_id';
}

/** A call to Slack's Web API that failed (an error answer, a rate limit, a timeout or a dropped connection). */
function isSlackFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('slack_webapi_');
}

/**
 * What to tell a user when their request failed, named for what failed: the database only when it was the
 * database, Slack when Slack refused or timed out, and an honest generic sentence for anything else.
 */
export function failureTextKey(error: unknown): MessageKey {
  if (isDatabaseUnavailable(error)) return 'error.database';
  // Enhetsregisteret's failures are its own: never "the database is unreachable".
  if (isRegisterError(error)) return 'register.error.unavailable';
  if (isTriggerError(error)) return 'error.triggerExpired';
  if (isSlackFailure(error)) return 'error.slack';
  return 'error.unexpected';
}
