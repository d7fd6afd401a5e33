import type { MrkdwnElement, SectionBlock } from '@slack/types';
import { t } from '../../i18n';
import type { Contact } from '../../services/contacts/contact.types';
import { mailtoLink, telLink, userMention, webLink } from './contact-links';
import { escapeMrkdwn, mrkdwn, SLACK, truncate } from './text';

/** Longest single value shown; the schema allows at most 200, a code list at most 50 × 10. */
const VALUE_MAX = 600;

type CardField =
  | 'name2'
  | 'searchName'
  | 'jobTitle'
  | 'organizationalLevel'
  | 'jobResponsibilities'
  | 'salutation'
  | 'address'
  | 'address2'
  | 'postCode'
  | 'city'
  | 'county'
  | 'country'
  | 'phone'
  | 'mobile'
  | 'email'
  | 'homePage'
  | 'salespersonId'
  | 'territory'
  | 'language'
  | 'vatRegNo'
  | 'industryGroups'
  | 'businessRelations';

/** The card's order: who they are, where, how to reach them, who owns them, how they are classified. */
const CARD_FIELDS: readonly CardField[] = [
  'name2',
  'searchName',
  'jobTitle',
  'organizationalLevel',
  'jobResponsibilities',
  'salutation',
  'address',
  'address2',
  'postCode',
  'city',
  'county',
  'country',
  'phone',
  'mobile',
  'email',
  'homePage',
  'salespersonId',
  'territory',
  'language',
  'vatRegNo',
  'industryGroups',
  'businessRelations',
];

const filled = (value: string | undefined): value is string => typeof value === 'string' && value.trim() !== '';

/** The field's value as mrkdwn, or undefined when it is empty (an empty field is not shown). */
function fieldValue(contact: Contact, field: CardField): string | undefined {
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
    case 'industryGroups':
    case 'businessRelations':
    case 'jobResponsibilities': {
      const codes = (contact[field] ?? []).filter(filled);
      return codes.length > 0 ? escapeMrkdwn(truncate(codes.join(', '), VALUE_MAX)) : undefined;
    }
    default: {
      const value = contact[field];
      return filled(value) ? escapeMrkdwn(truncate(value, VALUE_MAX)) : undefined;
    }
  }
}

/** Every filled field as `*Label*\nvalue`, ten to a section (Slack's limit on section fields). */
export function cardFieldSections(contact: Contact): SectionBlock[] {
  const fields: MrkdwnElement[] = CARD_FIELDS.flatMap((field) => {
    const value = fieldValue(contact, field);
    return value === undefined ? [] : [mrkdwn(`*${t(`contact.field.${field}`)}*\n${value}`, SLACK.fieldText)];
  });
  const sections: SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += SLACK.sectionFields) {
    sections.push({ type: 'section', fields: fields.slice(i, i + SLACK.sectionFields) });
  }
  return sections;
}
