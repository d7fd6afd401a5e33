import type { App, Logger } from '@slack/bolt';

/** Where Slack's response_urls live (commands, shortcuts, actions): https://hooks.slack.com/… */
const SLACK_HOOKS_ORIGIN = 'https://hooks.slack.com';

export type ResponseUrlCheck = (url: unknown) => boolean;

/**
 * Which response_urls Kontakt posts to: Slack's hooks host, and — only when SLACK_API_URL is set — that URL's
 * origin (a proxy the operator already trusts with every token, or the tests' fake Slack). Anything else in a
 * payload did not come from Slack, and a post to it would hand Kontakt's answer (and a request from the server's
 * network) to whoever wrote it.
 */
export function responseUrlCheck(slackApiUrl?: string): ResponseUrlCheck {
  const origins = new Set([SLACK_HOOKS_ORIGIN, ...(slackApiUrl ? [new URL(slackApiUrl).origin] : [])]);
  return (url) => {
    if (typeof url !== 'string' || url.length > 2_000) return false;
    try {
      const parsed = new URL(url);
      return origins.has(parsed.origin) && !parsed.username && !parsed.password;
    } catch {
      return false;
    }
  };
}

/** Every response_url a payload carries (commands, shortcuts and actions: one; some view submissions: a list). */
export function responseUrlsOf(body: unknown): unknown[] {
  const { response_url: single, response_urls: list } = (body ?? {}) as {
    response_url?: unknown;
    response_urls?: unknown;
  };
  const urls: unknown[] = single === undefined ? [] : [single];
  if (Array.isArray(list)) for (const entry of list) urls.push((entry as { response_url?: unknown })?.response_url);
  return urls;
}

/** The host of a URL for a log line (the rest of a response_url is a credential of sorts: it is not logged). */
export function hostOf(url: unknown): string {
  try {
    return new URL(String(url)).host || 'no host';
  } catch {
    return 'not a URL';
  }
}

/**
 * Global middleware: a request carrying a response_url Slack would not have sent is acknowledged and dropped
 * before any listener could respond() to it.
 */
export function refuseForeignResponseUrls(app: App, allowed: ResponseUrlCheck, logger: Logger): void {
  app.use(async (args) => {
    const foreign = responseUrlsOf(args.body).find((url) => !allowed(url));
    if (foreign === undefined) return void (await args.next());
    logger.warn(`Refused a request whose response_url points at ${hostOf(foreign)}, not at Slack`);
    const { ack } = args as { ack?: () => Promise<void> };
    await ack?.();
  });
}

/** How long a later response_url POST may take: it runs after the user has their answer, but must not hang. */
const REPLACE_TIMEOUT_MS = 3000;

/**
 * Replaces the message a response_url belongs to (an ephemeral card, say) with `message`, after the request it
 * came with is answered (a modal saved from that card). Slack lets a response_url be used five times within
 * 30 minutes. False when the URL is not Slack's (the same check as for payloads) or Slack refuses.
 */
export async function replaceOriginal(
  client: { slackApiUrl: string },
  url: unknown,
  message: { text: string; blocks?: unknown[] },
): Promise<boolean> {
  if (!responseUrlCheck(client.slackApiUrl)(url)) return false;
  const response = await fetch(url as string, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ replace_original: true, response_type: 'ephemeral', ...message }),
    signal: AbortSignal.timeout(REPLACE_TIMEOUT_MS),
  });
  return response.ok;
}
