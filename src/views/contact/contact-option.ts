import type { PlainTextOption } from '@slack/types';
import type { ContactSummary } from '../../services/contacts/contact.types';
import { charLength, SLACK, truncate } from './text';

const SEPARATOR = ' — ';
/** A No. is at most 20 characters (contact-input schema); a longer one is cut so the names keep some room. */
const MAX_NO = 30;
/** When both names must shrink, the contact's own name keeps at least this share of the room. */
const NAME_SHARE = 0.55;

/**
 * `Kari Nordmann — Nordlys Maskin AS (CT000042)`, cut to Slack's 75 characters by shortening the names:
 * the No. is what tells two Kari Nordmanns apart, so it always stays whole.
 */
export function contactOptionLabel(contact: Pick<ContactSummary, 'name' | 'no' | 'companyName'>): string {
  const suffix = ` (${truncate(contact.no, MAX_NO)})`;
  const room = SLACK.optionText - charLength(suffix);
  const name = contact.name.trim();
  const company = contact.companyName?.trim() ?? '';
  if (company === '') return truncate(name, room) + suffix;

  const namesRoom = room - SEPARATOR.length;
  const nameLength = charLength(name);
  const companyLength = charLength(company);
  if (nameLength + companyLength <= namesRoom) return `${name}${SEPARATOR}${company}${suffix}`;
  // Give the company what the name leaves over, but never less than the name's share allows.
  const nameMax = Math.max(namesRoom - companyLength, Math.ceil(namesRoom * NAME_SHARE));
  const shortName = truncate(name, nameMax);
  const shortCompany = truncate(company, namesRoom - charLength(shortName));
  return `${shortName}${SEPARATOR}${shortCompany}${suffix}`;
}

/** One typeahead / select option for a contact; the value is the contact's id. */
export function contactOption(contact: ContactSummary): PlainTextOption {
  return { text: { type: 'plain_text', text: contactOptionLabel(contact), emoji: true }, value: contact.id };
}

/** The reply to an external_select: at most 100 options, as Slack allows. */
export function contactOptions(contacts: ContactSummary[]): { options: PlainTextOption[] } {
  return { options: contacts.slice(0, SLACK.selectOptions).map(contactOption) };
}
