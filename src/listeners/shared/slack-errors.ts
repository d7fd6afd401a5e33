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
