import type { Logger } from '@slack/bolt';
import { WebAPIHTTPError, WebAPIRequestError } from '@slack/web-api';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/**
 * A failure to reach Slack at all (no connection, DNS, a proxy's 5xx) rather than Slack refusing what was sent:
 * a network problem that waiting can fix, unlike a wrong token.
 */
export function isUnreachable(error: unknown): boolean {
  return error instanceof WebAPIRequestError || error instanceof WebAPIHTTPError;
}

/** `ECONNREFUSED`, `ENOTFOUND`, `HTTP 502`…: the shortest words for why Slack could not be reached. */
export function unreachableReason(error: unknown): string {
  if (error instanceof WebAPIHTTPError) return `HTTP ${error.statusCode}`;
  const original = error instanceof WebAPIRequestError ? error.original : error;
  const cause = (original as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const text = cause?.code ?? cause?.message ?? (original as Error | undefined)?.message ?? 'network error';
  return String(text).split('\n')[0] ?? 'network error';
}

// Short first (a laptop waking up), then no more often than twice a minute.
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export interface UntilReachableOptions {
  /** What the call is for, after "to": `check SLACK_BOT_TOKEN`. */
  purpose: string;
  slackApiUrl?: string;
  logger: Pick<Logger, 'warn'>;
  /** Tests shorten the waits. */
  delaysMs?: readonly number[];
}

/**
 * Runs `attempt` until Slack answers: while Slack cannot be reached, one readable warning per attempt and a wait;
 * whatever Slack answers (a refusal included) is returned or thrown at once.
 */
export async function untilReachable<T>(attempt: () => Promise<T>, options: UntilReachableOptions): Promise<T> {
  const delays = options.delaysMs ?? RETRY_DELAYS_MS;
  for (let failures = 0; ; failures += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      const delayMs = delays[Math.min(failures, delays.length - 1)] ?? 1_000;
      options.logger.warn(
        `Slack could not be reached at ${options.slackApiUrl ?? DEFAULT_SLACK_API_URL} to ${options.purpose} (${unreachableReason(error)}); trying again in ${delayMs / 1000} s. Check the network, or SLACK_API_URL if you set it.`,
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/**
 * The logger for a start-up check's own WebClient: its "http request failed" warnings become debug lines, since
 * untilReachable already says, once per attempt and in words a person can act on, that Slack was not reached.
 */
export function startupClientLogger(logger: Logger): Logger {
  return { ...logger, warn: (...message: unknown[]) => logger.debug(...message) };
}
