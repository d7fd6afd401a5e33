import { z } from 'zod';

/**
 * What chat.getPermalink returns, and nothing else: `https://<workspace>.slack.com/archives/<conversation>/p<ts>`,
 * for a reply in a thread with `?thread_ts=<ts>&cid=<conversation>` (Enterprise Grid workspaces have a longer
 * host such as `acme.enterprise.slack.com`). Conversations are channels (C), private channels (G) or DMs (D).
 * A link that does not match is not stored with a visit, shown, or exported: it came from somewhere else.
 */
const PERMALINK =
  /^https:\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,3}slack\.com\/archives\/[CDG][A-Z0-9]{1,20}\/p\d{1,20}(?:\?thread_ts=\d{1,12}\.\d{1,8}&cid=[CDG][A-Z0-9]{1,20})?$/;

/** Slack's permalinks are about 80 characters; the bound keeps a pathological value out of the regex. */
const PERMALINK_MAX = 300;

export function isSlackPermalink(value: unknown): value is string {
  return typeof value === 'string' && value.length <= PERMALINK_MAX && PERMALINK.test(value);
}

/** The permalink when it is one, else undefined (a forged link is dropped, the rest of the value kept). */
export function slackPermalinkOrNothing(value: unknown): string | undefined {
  return isSlackPermalink(value) ? value : undefined;
}

/** For zod objects: an invalid permalink becomes undefined instead of failing the whole object. */
export const optionalSlackPermalink = z.unknown().transform(slackPermalinkOrNothing).optional();
