import type { MrkdwnElement, SectionBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { CODE_LIST_OF, contactFieldsWhere, type FieldsWith } from '../../services/contacts/contact-fields';
import type { Contact } from '../../services/contacts/contact.types';
import type { CodeListEntry, CodeListName } from '../../services/setup/setup.types';
import { mailtoLink, telLink, userMention, webLink } from './contact-links';
import { escapeMrkdwn, mrkdwn, SLACK, truncate } from './text';

/** Longest single value shown; the schema allows at most 200, a code list at most 50 × 10. */
const VALUE_MAX = 600;

export type CardField = FieldsWith<'card'>;

/** The card's order: who they are, where, how to reach them, who owns them, how they are classified. */
const CARD_FIELDS = contactFieldsWhere<CardField>((spec) => spec.card === true);

const filled = (value: string | undefined): value is string => typeof value === 'string' && value.trim() !== '';

/** The setup code lists, for showing a code with what it means. */
export type CardCodes = Partial<Record<CodeListName, CodeListEntry[]>>;

/** The fields whose values are codes from a setup list. */
const CODE_LISTS: Partial<Record<CardField, CodeListName>> = CODE_LIST_OF;

/** `Manufacturing (MANU)`; a code the list does not describe (or no longer has) stays the code. */
function described(code: string, entries: CodeListEntry[] | undefined): string {
  const wanted = code.trim().toUpperCase();
  const description = entries?.find((entry) => entry.code.trim().toUpperCase() === wanted)?.description.trim();
  return description && description !== code.trim() ? `${description} (${code})` : code;
}

/** The field's value as mrkdwn, or undefined when it is empty (an empty field is not shown). */
function fieldValue(contact: Contact, field: CardField, codes: CardCodes): string | undefined {
  const list = CODE_LISTS[field];
  if (list) {
    const value = contact[field];
    const values = (Array.isArray(value) ? value : [value]).filter(filled);
    if (values.length === 0) return undefined;
    return escapeMrkdwn(truncate(values.map((code) => described(code, codes[list])).join(', '), VALUE_MAX));
  }
  switch (field) {
    case 'phone':
      return filled(contact.phone) ? telLink(contact.phone, contact.phoneE164) : undefined;
    case 'mobile':
      return filled(contact.mobile) ? telLink(contact.mobile, contact.mobileE164) : undefined;
    case 'email':
      return filled(contact.email) ? mailtoLink(contact.email) : undefined;
    case 'homePage':
      return filled(contact.homePage) ? webLink(contact.homePage) : undefined;
    case 'salespersonId':
      return filled(contact.salespersonId) ? userMention(contact.salespersonId) : undefined;
    case 'searchName':
      // It starts as a copy of the name; only a search name of its own tells the reader something.
      return filled(contact.searchName) && contact.searchName.trim().toUpperCase() !== contact.name.trim().toUpperCase()
        ? escapeMrkdwn(truncate(contact.searchName, VALUE_MAX))
        : undefined;
    default: {
      const value = contact[field];
      return typeof value === 'string' && filled(value) ? escapeMrkdwn(truncate(value, VALUE_MAX)) : undefined;
    }
  }
}

/**
 * Every filled field of `shown` (all by default) as `*Label*\nvalue`, ten to a section (Slack's limit on section
 * fields); codes with their descriptions from setup.
 */
export function cardFieldSections(
  contact: Contact,
  tr: Translator,
  options: { codes?: CardCodes; shown?: readonly CardField[] } = {},
): SectionBlock[] {
  const codes = options.codes ?? {};
  const fields: MrkdwnElement[] = (options.shown ?? CARD_FIELDS).flatMap((field) => {
    const value = fieldValue(contact, field, codes);
    return value === undefined ? [] : [mrkdwn(`*${tr.t(`contact.field.${field}`)}*\n${value}`, SLACK.fieldText)];
  });
  const sections: SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += SLACK.sectionFields) {
    sections.push({ type: 'section', fields: fields.slice(i, i + SLACK.sectionFields) });
  }
  return sections;
}
