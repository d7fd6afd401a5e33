import type { CountryCode } from 'libphonenumber-js';
import type { ContactDocument } from '../../models/contact.model';
import { inheritedFieldGroups, type ContactInput, type InheritedField } from '../../schemas/contact-input';
import type { MessageKey } from '../../i18n';
import { looksLikePhone, normalizePhone } from '../search/phone';
import { buildSearchKeys } from '../search/search-keys';
import { duplicateKeys, orgNoKeys } from './duplicate-keys';
import { joinPersonName, splitPersonName, type PersonNameParts } from './person-name';
import type { DuplicateSearchRow } from '../setup/setup.types';
import type { Contact } from './contact.types';
import { orgNoProblemKey } from '../company-register/org-no';
import type { InheritableValues } from './inheritance';
import { applyMinorRules } from './minor';

/** The user-controlled fields of a stored contact (what an edit can change). */
export type ContactFields = Omit<ContactInput, 'no' | 'companyId'> & { companyId: string | null; companyName?: string };

export type FormatField = 'phone' | 'mobile' | 'homePage' | 'vatRegNo';

/**
 * Checks that go beyond the shape the modal schema checks: phone numbers, home pages and a Norwegian org.nr. in the
 * VAT field (its mod-11 check digit; another country's VAT number is left alone). Answers with the text key
 * of each problem, for the caller to word in its reader's language.
 */
export function validateContactFields(
  fields: Pick<ContactInput, FormatField>,
): Partial<Record<FormatField, MessageKey>> {
  const errors: Partial<Record<FormatField, MessageKey>> = {};
  if (fields.phone && !looksLikePhone(fields.phone)) errors.phone = 'validation.phone';
  if (fields.mobile && !looksLikePhone(fields.mobile)) errors.mobile = 'validation.phone';
  if (fields.homePage && !normalizeHomePage(fields.homePage)) errors.homePage = 'validation.homePage';
  const vatProblem = fields.vatRegNo ? orgNoProblemKey(fields.vatRegNo) : undefined;
  if (vatProblem) errors.vatRegNo = vatProblem;
  return errors;
}

/** `nordlys.no` → `https://nordlys.no`; undefined when it cannot be a web address. */
export function normalizeHomePage(raw: string): string | undefined {
  const withScheme = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    return url.hostname.includes('.') && !/\s/.test(raw) ? url.toString().replace(/\/$/, '') : undefined;
  } catch {
    return undefined;
  }
}

/** Name parts, search name and normalized values, derived the same way on create and on edit. */
export function deriveFields(
  fields: ContactFields,
  previous?: Pick<
    Contact,
    | 'name'
    | 'searchName'
    | 'searchNameEdited'
    | 'firstName'
    | 'middleName'
    | 'surname'
    | 'minor'
    | 'parentalConsentReceived'
  >,
): ContactFields & { searchNameEdited: boolean } {
  fields = applyMinorRules(fields, previous);
  let { name } = fields;
  let parts: PersonNameParts = { firstName: fields.firstName, middleName: fields.middleName, surname: fields.surname };
  if (fields.type === 'person') {
    const partsEdited =
      previous !== undefined &&
      name === previous.name &&
      (parts.firstName !== previous.firstName ||
        parts.middleName !== previous.middleName ||
        parts.surname !== previous.surname);
    // Editing the parts rebuilds the name; otherwise the name is split into parts.
    if (partsEdited && joinPersonName(parts) !== '') name = joinPersonName(parts);
    else parts = splitPersonName(name);
  } else {
    parts = { firstName: undefined, middleName: undefined, surname: undefined };
  }
  // Search Name follows Name until a user edits it.
  const typedSearchName = fields.searchName?.trim();
  const searchNameFollowsName =
    !typedSearchName ||
    (previous !== undefined && !previous.searchNameEdited && typedSearchName === previous.searchName);
  const searchName = searchNameFollowsName ? name : typedSearchName;
  return {
    ...fields,
    ...parts,
    name,
    searchName,
    searchNameEdited: searchName !== name,
    homePage: fields.homePage ? (normalizeHomePage(fields.homePage) ?? fields.homePage) : undefined,
  };
}

/** `list:CODE` for every code-list value of the contact (see the model's search.codes). */
export function codeKeys(
  contact: Pick<
    ContactFields,
    'industryGroups' | 'businessRelations' | 'jobResponsibilities' | 'territory' | 'organizationalLevel'
  >,
): string[] {
  return [
    ...contact.industryGroups.map((code) => `industryGroups:${code}`),
    ...contact.businessRelations.map((code) => `businessRelations:${code}`),
    ...contact.jobResponsibilities.map((code) => `jobResponsibilities:${code}`),
    ...(contact.territory ? [`territories:${contact.territory}`] : []),
    ...(contact.organizationalLevel ? [`organizationalLevels:${contact.organizationalLevel}`] : []),
  ];
}

/** The stored document's computed parts: normalized phones and every search key. */
export function computedParts(
  contact: ContactFields & { no: string },
  phoneRegion: CountryCode,
  duplicateRows: DuplicateSearchRow[],
): Pick<ContactDocument, 'phoneE164' | 'mobileE164' | 'search'> {
  const phone = normalizePhone(contact.phone, phoneRegion);
  const mobile = normalizePhone(contact.mobile, phoneRegion);
  const search = buildSearchKeys({ ...contact, phoneDigitKeys: [...phone.digitKeys, ...mobile.digitKeys] });
  return {
    phoneE164: phone.e164,
    mobileE164: mobile.e164,
    search: {
      ...search,
      codes: codeKeys(contact),
      emailKey: emailKey(contact.email),
      dupKeys: dupKeysOf(contact, duplicateRows, phone, mobile),
    },
  };
}

/**
 * The duplicate-search strings computedParts stores (companies only), without the other search keys: what an
 * import needs to compare a company row with the workspace's companies.
 */
export function companyDupKeys(
  contact: ContactFields,
  phoneRegion: CountryCode,
  duplicateRows: DuplicateSearchRow[],
): string[] {
  if (contact.type !== 'company') return [];
  return dupKeysOf(
    contact,
    duplicateRows,
    normalizePhone(contact.phone, phoneRegion),
    normalizePhone(contact.mobile, phoneRegion),
  );
}

function dupKeysOf(
  contact: ContactFields,
  duplicateRows: DuplicateSearchRow[],
  phone: { digitKeys: string[] },
  mobile: { digitKeys: string[] },
): string[] {
  // Phones compare by their national digits, so "+47 55 12 34 56" and "55123456" are the same string; an org.nr.
  // is a duplicate on its own, whatever the rules say (orgNoKeys).
  return contact.type === 'company'
    ? [
        ...duplicateKeys(
          { ...contact, phone: phone.digitKeys[0] ?? contact.phone, mobile: mobile.digitKeys[0] ?? contact.mobile },
          duplicateRows,
        ),
        ...orgNoKeys(contact.vatRegNo),
      ]
    : [];
}

/** An e-mail address as compared for duplicates: trimmed, lower-cased. */
export function emailKey(email: string | null | undefined): string | undefined {
  const key = email?.trim().toLowerCase();
  return key ? key : undefined;
}

/** Lean document → the plain contact services return. */
export function toContact(doc: ContactDocument): Contact {
  // Soft-delete and flow-down bookkeeping stays in the services; a live contact never carries it anyway.
  const {
    _id,
    __v,
    search: _search,
    companyId,
    stats,
    deletedAt: _deletedAt,
    deletedBy: _deletedBy,
    deletionId: _deletionId,
    flowDown: _flowDown,
    mergedInto: _mergedInto,
    mergeRecordId: _mergeRecordId,
    aliasNos: _aliasNos,
    aliasNoKeys: _aliasNoKeys,
    changeMark: _changeMark,
    ...rest
  } = doc;
  const clean = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null && value !== undefined));
  return {
    ...(clean as unknown as Omit<Contact, 'id' | 'companyId' | 'version' | 'stats'>),
    id: _id.toString(),
    companyId: companyId ? companyId.toString() : null,
    stats: {
      interactionCount: stats?.interactionCount ?? 0,
      lastInteractionAt: stats?.lastInteractionAt ?? undefined,
      lastAttemptAt: stats?.lastAttemptAt ?? undefined,
    },
    version: __v ?? 0,
  };
}

/** Every field a person can inherit, whichever switches are on. */
const INHERITABLE_FIELDS: readonly InheritedField[] = Object.values(inheritedFieldGroups).flat();

/** The values a person can inherit from its company (see inheritance.ts). */
export function inheritable(contact: Partial<Contact> | ContactFields): InheritableValues {
  const values: Record<string, unknown> = {};
  for (const field of INHERITABLE_FIELDS) values[field] = (contact as Record<string, unknown>)[field];
  return values as InheritableValues;
}

/** Splits values into $set (defined) and $unset (undefined among `fields`). */
export function setAndUnset(
  values: Record<string, unknown>,
  fields: string[],
): { set: Record<string, unknown>; unset: Record<string, 1> } {
  const set = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  const unset = Object.fromEntries(
    fields.filter((field) => values[field] === undefined).map((field) => [field, 1 as const]),
  );
  return { set, unset };
}
