import type { ContactType } from '../../schemas/contact-input';
import type { CodeListName } from '../setup/setup.types';

/**
 * The contact's fields, once, in the card's order (who they are, where, how to reach them, who owns them, how they
 * are classified, privacy), with what each use needs to know of them. The change log, the merge, the contact modal,
 * the card and the import each take their fields from here by filtering, so a new field is added in one place and
 * every list keeps the same order. Pure data: views, schemas and services may all import it.
 */
export interface ContactFieldSpec {
  /** The name the contact stores it under (the modal's block name for `no` and `independent`). */
  readonly field: string;
  /**
   * What its value is: `text`; `number` (the contact's No.); `type` (company or person); `code` / `codes` (one or
   * several codes of a setup list); `switch` (on/off); `user` (a Slack user id); `company` (a person's company id);
   * `phone`, `email`, `url`.
   */
  readonly kind:
    'text' | 'number' | 'type' | 'code' | 'codes' | 'switch' | 'user' | 'company' | 'phone' | 'email' | 'url';
  /** Only persons have it (undefined: companies and persons). */
  readonly personOnly?: true;
  /** The setup code list its codes come from. */
  readonly codeList?: CodeListName;
  /** The change log follows it. */
  readonly logged?: true;
  /** A merge offers a choice for it. */
  readonly merged?: true;
  /** The contact modal shows it for these types. */
  readonly modal?: readonly ContactType[];
  /** The card shows it (when filled). */
  readonly card?: true;
  /** An imported column can fill it, as this target (the field's own name unless said). */
  readonly imported?: true | string;
}

const both = ['company', 'person'] as const;
const company = ['company'] as const;
const person = ['person'] as const;
/** What every field the card shows also is: logged, a merge choice, imported under its own name. */
const onCard = { card: true, logged: true, merged: true, imported: true } as const;

export const CONTACT_FIELDS = [
  { field: 'no', kind: 'number', modal: both, imported: true },
  { field: 'type', kind: 'type', logged: true, imported: true },
  { field: 'name', kind: 'text', logged: true, merged: true, modal: both, imported: true },
  { field: 'name2', kind: 'text', ...onCard, modal: company },
  { field: 'searchName', kind: 'text', ...onCard, modal: company },
  { field: 'firstName', kind: 'text', personOnly: true, logged: true, modal: person, imported: true },
  { field: 'middleName', kind: 'text', personOnly: true, logged: true, modal: person, imported: true },
  { field: 'surname', kind: 'text', personOnly: true, logged: true, modal: person, imported: true },
  { field: 'independent', kind: 'switch', personOnly: true, modal: person },
  { field: 'companyId', kind: 'company', personOnly: true, merged: true, modal: person, imported: 'companyNo' },
  { field: 'companyName', kind: 'text', personOnly: true, logged: true, imported: true },
  { field: 'jobTitle', kind: 'text', ...onCard, personOnly: true, modal: person },
  {
    field: 'organizationalLevel',
    kind: 'code',
    codeList: 'organizationalLevels',
    ...onCard,
    personOnly: true,
    modal: person,
  },
  {
    field: 'jobResponsibilities',
    kind: 'codes',
    codeList: 'jobResponsibilities',
    ...onCard,
    personOnly: true,
    modal: person,
  },
  { field: 'salutation', kind: 'code', ...onCard, personOnly: true, modal: person },
  { field: 'address', kind: 'text', ...onCard, modal: both },
  { field: 'address2', kind: 'text', ...onCard, modal: both },
  { field: 'postCode', kind: 'text', ...onCard, modal: both },
  { field: 'city', kind: 'text', ...onCard, modal: both },
  { field: 'county', kind: 'text', ...onCard, modal: both },
  { field: 'country', kind: 'code', ...onCard, modal: both },
  { field: 'phone', kind: 'phone', ...onCard, modal: both },
  { field: 'mobile', kind: 'phone', ...onCard, modal: both },
  { field: 'email', kind: 'email', ...onCard, modal: both },
  { field: 'homePage', kind: 'url', ...onCard, modal: both },
  { field: 'salespersonId', kind: 'user', ...onCard, modal: both, imported: 'salesperson' },
  { field: 'territory', kind: 'code', codeList: 'territories', ...onCard, modal: both },
  { field: 'language', kind: 'code', ...onCard, modal: both },
  { field: 'vatRegNo', kind: 'text', ...onCard, modal: company },
  { field: 'industryGroups', kind: 'codes', codeList: 'industryGroups', ...onCard, modal: company },
  { field: 'businessRelations', kind: 'codes', codeList: 'businessRelations', ...onCard, modal: company },
  { field: 'privacyBlocked', kind: 'switch', logged: true, merged: true, modal: both, imported: true },
  { field: 'minor', kind: 'switch', personOnly: true, logged: true, imported: true },
  { field: 'parentalConsentReceived', kind: 'switch', personOnly: true, logged: true, imported: true },
] as const satisfies readonly ContactFieldSpec[];

type Spec = (typeof CONTACT_FIELDS)[number];

/** The names of the fields whose spec has `property` set. */
export type FieldsWith<P extends keyof ContactFieldSpec> = Extract<Spec, { readonly [K in P]: unknown }>['field'];

/** What an imported column can be mapped to: the fields' own names, or the target a field is imported as. */
export type ImportedAs =
  Extract<Spec, { readonly imported: true }>['field'] | Extract<Spec, { readonly imported: string }>['imported'];

/** The fields whose spec satisfies `keep`, in the one order. */
export function contactFieldsWhere<F extends string>(keep: (spec: ContactFieldSpec) => boolean): readonly F[] {
  return (CONTACT_FIELDS as readonly ContactFieldSpec[]).filter(keep).map((spec) => spec.field as F);
}

/** The spec of a field, or undefined for a name that is no contact field. */
export function contactFieldSpec(field: string): ContactFieldSpec | undefined {
  return (CONTACT_FIELDS as readonly ContactFieldSpec[]).find((spec) => spec.field === field);
}

/** Which setup code list each code field draws from. */
export const CODE_LIST_OF = Object.fromEntries(
  (CONTACT_FIELDS as readonly ContactFieldSpec[]).flatMap((spec) =>
    spec.codeList ? [[spec.field, spec.codeList]] : [],
  ),
) as Readonly<Record<FieldsWith<'codeList'>, CodeListName>>;
