import type { WebClientOptions } from '@slack/web-api';

/** A time limit Slack's requests can live with: a trigger expires after 3 s, and the user must hear back in time. */
export const SLACK_CALL_TIMEOUT_MS = 2_500;

// The abort comes from fetch's AbortSignal.timeout; depending on the realm it is a DOMException or an Error, so
// both the name and the message are looked at.
const isTimeout = (error: unknown): boolean => {
  const original = (error as { original?: { name?: unknown; message?: unknown } } | undefined)?.original;
  const text = `${String(original?.name ?? '')} ${String(original?.message ?? '')}`;
  return /TimeoutError|AbortError|aborted due to timeout/i.test(text);
};

/**
 * Web API client settings for work a user is waiting for. @slack/web-api's default keeps retrying for about half
 * an hour, long after Slack gave up on the request; here a dropped connection is retried once, a 429 waits its
 * Retry-After once, and a call that hangs is abandoned so the user can be told to try again.
 */
export function interactiveClientOptions(slackApiUrl?: string): WebClientOptions {
  return {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    timeout: SLACK_CALL_TIMEOUT_MS,
    retryConfig: {
      retries: 1,
      factor: 1,
      minTimeout: 300,
      maxTimeout: 300,
      randomize: false,
      // p-retry stops when this throws: a timed-out call has already used the time the user had.
      onFailedAttempt: (error: unknown) => {
        if (isTimeout(error)) throw error;
      },
    } as WebClientOptions['retryConfig'],
  };
}
