import type { MessageKey } from '../../i18n';
import { contactInputSchema, type ContactInput } from '../../schemas/contact-input';
import { validateContactFields } from '../contacts/contact-record';
import { joinPersonName } from '../contacts/person-name';
import { foldText } from '../search/fold';
import type { ColumnMapping, ImportTarget } from './columns';

/** Why a row cannot be imported: an i18n key and its values (each reader gets it in their own language). */
export interface RowError {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

export type RowKind = 'company' | 'person' | 'independent' | 'invalid';

/** A row read through the mapping: the contact it describes, and the company a person belongs to. */
export interface ImportRecord {
  kind: RowKind;
  /** The file's No. for the row (upper-cased), if it has one. */
  fileNo?: string;
  /** The contact's fields (no number, no company id: those are decided when the row is imported). */
  input?: Omit<ContactInput, 'no' | 'companyId'>;
  /** For a person: the company by the file's No. and/or exact name. */
  companyRef?: { no?: string; name?: string };
  /** The salesperson as the file writes it (an e-mail, a Slack id or a code). */
  salesperson?: string;
  error?: RowError;
}

const COMPANY_WORDS = new Set(['company', 'firma', 'selskap', 'bedrift', 'organisasjon', 'organization', 'foretak']);
const PERSON_WORDS = new Set(['person', 'kontaktperson', 'privatperson', 'contact', 'kontakt']);
const YES = new Set(['yes', 'ja', 'true', 'sann', '1', 'x', 'y', 'j']);

const LIST_TARGETS = ['industryGroups', 'businessRelations', 'jobResponsibilities'] as const;

/** The values of the row by target (empty cells left out). */
export function valuesOf(cells: readonly string[], mapping: ColumnMapping): Partial<Record<ImportTarget, string>> {
  const values: Partial<Record<ImportTarget, string>> = {};
  mapping.forEach((target, column) => {
    const value = cells[column]?.trim();
    if (target && value) values[target] = value;
  });
  return values;
}

/**
 * Reads one row through the mapping. Whether a row is a company or a person comes from the Type column (Company /
 * Firma / Person); without one, a row with first or last name, or with a company other than itself, is a person.
 * A file with a company name but no name (HubSpot's companies export) is a list of companies.
 */
export function readRecord(cells: readonly string[], mapping: ColumnMapping): ImportRecord {
  const v = valuesOf(cells, mapping);
  if (Object.keys(v).length === 0) return { kind: 'invalid', error: { key: 'import.error.emptyRow' } };
  const fileNo = v.no?.toUpperCase();
  let type: 'company' | 'person' | undefined;
  if (v.type) {
    const word = foldText(v.type).replace(/ /g, '');
    if (COMPANY_WORDS.has(word)) type = 'company';
    else if (PERSON_WORDS.has(word)) type = 'person';
    else return { kind: 'invalid', fileNo, error: { key: 'import.error.type', vars: { value: v.type.slice(0, 40) } } };
  }
  let name = v.name ?? joinPersonName({ firstName: v.firstName, middleName: v.middleName, surname: v.surname });
  let companyName = v.companyName;
  const hasPersonName = Boolean(v.firstName || v.surname);
  if (!name && companyName && !hasPersonName && type !== 'person' && !v.companyNo) {
    // HubSpot's companies export: the company's own name is in "Company name".
    name = companyName;
    companyName = undefined;
  }
  const companyNo = v.companyNo?.toUpperCase();
  const otherCompany =
    (companyNo !== undefined && companyNo !== fileNo) ||
    (companyName !== undefined && foldText(companyName) !== foldText(name ?? ''));
  type ??= hasPersonName || otherCompany ? 'person' : 'company';
  if (!name) return { kind: 'invalid', fileNo, error: { key: 'import.error.noName' } };

  const lists: Partial<Record<(typeof LIST_TARGETS)[number], string[]>> = {};
  for (const list of LIST_TARGETS) {
    const codes = (v[list] ?? '')
      .split(/[,;|]/)
      .map((code) => code.trim().toUpperCase())
      .filter(Boolean);
    const tooLong = codes.find((code) => code.length > 10);
    if (tooLong)
      return { kind: 'invalid', fileNo, error: { key: 'import.error.code', vars: { code: tooLong.slice(0, 40) } } };
    lists[list] = codes;
  }
  const parsed = contactInputSchema.safeParse({
    type,
    name,
    name2: v.name2,
    searchName: v.searchName,
    firstName: v.firstName,
    middleName: v.middleName,
    surname: v.surname,
    address: v.address,
    address2: v.address2,
    postCode: v.postCode,
    city: v.city,
    county: v.county,
    country: v.country?.toUpperCase(),
    phone: v.phone,
    mobile: v.mobile,
    email: v.email,
    homePage: v.homePage,
    territory: v.territory?.toUpperCase(),
    language: v.language?.toUpperCase(),
    vatRegNo: v.vatRegNo,
    jobTitle: type === 'person' ? v.jobTitle : undefined,
    organizationalLevel: type === 'person' ? v.organizationalLevel?.toUpperCase() : undefined,
    salutation: type === 'person' ? v.salutation : undefined,
    industryGroups: type === 'company' ? lists.industryGroups : [],
    businessRelations: type === 'company' ? lists.businessRelations : [],
    jobResponsibilities: type === 'person' ? lists.jobResponsibilities : [],
    privacyBlocked: v.privacyBlocked ? YES.has(foldText(v.privacyBlocked)) : false,
    // Persons only; a minor without consent is privacy blocked whatever the file says (services/contacts/minor.ts).
    minor: type === 'person' && v.minor ? YES.has(foldText(v.minor)) : false,
    parentalConsentReceived:
      type === 'person' && v.parentalConsentReceived ? YES.has(foldText(v.parentalConsentReceived)) : false,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'name');
    if (field === 'email')
      return {
        kind: 'invalid',
        fileNo,
        error: { key: 'import.error.email', vars: { value: (v.email ?? '').slice(0, 80) } },
      };
    return { kind: 'invalid', fileNo, error: { key: 'import.error.tooLong', vars: { field } } };
  }
  const { no: _no, companyId: _companyId, ...input } = parsed.data;
  const checks = validateContactFields(input);
  if (checks.vatRegNo)
    return {
      kind: 'invalid',
      fileNo,
      error: { key: 'import.error.vatRegNo', vars: { value: (v.vatRegNo ?? '').slice(0, 40) } },
    };
  if (checks.phone || checks.mobile)
    return {
      kind: 'invalid',
      fileNo,
      error: { key: 'import.error.phone', vars: { value: ((checks.phone ? v.phone : v.mobile) ?? '').slice(0, 40) } },
    };
  if (fileNo && fileNo.length > 20)
    return { kind: 'invalid', fileNo: undefined, error: { key: 'import.error.noTooLong' } };

  const companyRef =
    type === 'person' && otherCompany
      ? {
          ...(companyNo && companyNo !== fileNo ? { no: companyNo } : {}),
          ...(companyName ? { name: companyName } : {}),
        }
      : undefined;
  return {
    kind: type === 'company' ? 'company' : companyRef ? 'person' : 'independent',
    fileNo,
    input,
    companyRef,
    salesperson: v.salesperson,
  };
}
