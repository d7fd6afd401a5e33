import { escapeMrkdwn, truncate } from './text';

/** Longest value a card shows of one field; the schema allows at most 200 (home page). */
const SHOWN_MAX = 200;

/** Characters that would end a Slack link early (`|`, `>`) or break it (`<`, spaces) in its target. */
function linkTarget(url: string): string {
  return url.replace(/[|<>\s]/g, (char) => encodeURIComponent(char));
}

function link(target: string, label: string): string {
  return `<${linkTarget(target)}|${escapeMrkdwn(truncate(label, SHOWN_MAX))}>`;
}

/** `<tel:+4755123456|+47 55 12 34 56>`: tappable on phones; the number as typed stays the label. */
export function telLink(display: string, e164?: string): string {
  const digits = (e164 ?? display).replace(/[^\d+]/g, '');
  return /\d/.test(digits) ? link(`tel:${digits}`, display) : escapeMrkdwn(truncate(display, SHOWN_MAX));
}

export function mailtoLink(email: string): string {
  return link(`mailto:${email}`, email);
}

/** People type `nordlys.no`; only http(s) addresses become links, anything else stays text. */
export function webLink(homePage: string): string {
  const value = homePage.trim();
  if (/^https?:\/\//i.test(value)) return link(value, value);
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return escapeMrkdwn(truncate(value, SHOWN_MAX));
  return link(`https://${value}`, value);
}

/** `<@U123>` renders as the person's current name; an id that is not a Slack user id is shown as text. */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]{2,20}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(truncate(userId, SHOWN_MAX));
}
