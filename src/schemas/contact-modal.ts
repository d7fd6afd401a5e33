import { z } from 'zod';
import { FormErrors, toBlockErrors, type BlockErrors } from './block-errors';
import { StateReader } from './view-state';
import { translator, type Translator } from '../i18n';
import { ids } from '../ids';
import { validateContactFields, type FormatField } from '../services/contacts/contact-record';
import {
  CODE_LIST_OF,
  contactFieldsWhere,
  type ContactFieldSpec,
  type FieldsWith,
} from '../services/contacts/contact-fields';
import type { FieldErrors } from '../services/contacts/contact.types';
import type { ContactSetup } from '../services/setup/setup.types';
import { contactInputSchema, type ContactInput, type ContactType } from './contact-input';

const blocks = ids.contactField.blocks;

/** A field of the contact modal: every ContactInput field plus the type radio and the "independent" box. */
export type ContactModalField = keyof typeof blocks;

/**
 * The fields the contact modal can show for each type, in the order it shows them. The parser reads only these
 * for the chosen type, so a field of the other type left in the state (after switching the type) is ignored.
 * Some are shown only sometimes: `no` (manual numbering on create), the name parts and privacy (edit).
 */
export const contactModalFields: Record<ContactType, readonly ContactModalField[]> = {
  company: contactFieldsWhere<ContactModalField>((spec) => spec.modal?.includes('company') === true),
  person: contactFieldsWhere<ContactModalField>((spec) => spec.modal?.includes('person') === true),
};
/** Compile-time check: every field the list puts in the modal has a block of its own. */
const _modalFieldsHaveBlocks: readonly ContactModalField[] = [] as FieldsWith<'modal'>[];

/**
 * The fields a new contact's modal shows before "More details": what a salesperson fills on a phone. The type radio,
 * and for a person the company choice, come with them.
 */
export const quickContactFields: ReadonlySet<ContactModalField> = new Set<ContactModalField>([
  'name',
  'companyId',
  'independent',
  'phone',
  'email',
  'city',
  'salespersonId',
]);

/** Which setup code list each code field draws from. */
export const codeListOf = CODE_LIST_OF;

type CodeField = keyof typeof codeListOf;
/** The modal's fields of a kind: several codes (multi-selects), on/off (checkboxes). */
const modalFieldsOf = (kind: ContactFieldSpec['kind']) =>
  new Set(contactFieldsWhere<ContactModalField>((spec) => spec.modal !== undefined && spec.kind === kind));
const MULTI_FIELDS = modalFieldsOf('codes');
const BOOLEAN_FIELDS = modalFieldsOf('switch');

/**
 * The values of the privacy block's checkbox options: Privacy blocked, and for persons Minor and Parental consent
 * received (services/contacts/minor.ts), one block so the modal stays short.
 */
export const checkboxValue = {
  privacyBlocked: 'privacy_blocked',
  minor: 'minor',
  parentalConsentReceived: 'parental_consent',
} as const;

/** The privacy block's three switches as ticked in the state (Minor and consent for persons only). */
function privacySwitches(ticked: string[], type: unknown) {
  const person = type === 'person';
  return {
    privacyBlocked: ticked.includes(checkboxValue.privacyBlocked),
    ...(person
      ? {
          minor: ticked.includes(checkboxValue.minor),
          parentalConsentReceived: ticked.includes(checkboxValue.parentalConsentReceived),
        }
      : {}),
  };
}

/** The options of a person's "At a company / Independent" radio. */
export const employmentValue = { company: 'company', independent: 'independent' } as const;

/** Every input's action_id is `contactField.action`, except the radios' and the company typeahead's. */
function actionIdOf(blockId: string): string {
  if (blockId === blocks.type) return ids.actions.contactTypeChanged;
  if (blockId === blocks.independent) return ids.actions.contactEmploymentChanged;
  if (blockId === blocks.companyId) return ids.actions.companyPicker;
  return ids.contactField.action;
}

function readState(values: unknown) {
  const reader = new StateReader(values, actionIdOf);
  return {
    reader,
    single: (field: ContactModalField) => reader.single(blocks[field]),
    many: (field: ContactModalField) => reader.many(blocks[field]),
  };
}

const blockOfField = (field: string): string | undefined =>
  Object.hasOwn(blocks, field) ? blocks[field as ContactModalField] : undefined;

/**
 * The schema's problems worded for the reader (the schema carries no texts; zod's defaults are not for
 * salespeople): too long, a missing name, an e-mail that is not one, too many codes; anything else is unreadable.
 */
function contactErrorMap(tr: Translator): z.core.$ZodErrorMap {
  return (issue) => {
    if (issue.code === 'too_big' && issue.origin === 'array')
      return tr.t('contact.error.tooMany', { max: Number(issue.maximum) });
    if (issue.code === 'too_big' && issue.origin === 'string')
      return tr.t('validation.tooLong', { max: Number(issue.maximum) });
    if (issue.code === 'too_small' && issue.origin === 'string') return tr.t('validation.nameRequired');
    if (issue.code === 'invalid_format' && issue.format === 'email') return tr.t('validation.email');
    return tr.t('contact.error.invalidField');
  };
}

export type ContactModalResult =
  { ok: true; input: ContactInput; independent: boolean } | { ok: false; errors: BlockErrors };

function unknownCodes(field: CodeField, codes: string[], setup: ContactSetup): string[] {
  const known = new Set(setup.codes[codeListOf[field]].map((entry) => entry.code.trim().toUpperCase()));
  return codes.filter((code) => !known.has(code.trim().toUpperCase()));
}

/**
 * Reads the contact modal's `view.state.values` into a ContactInput, or errors keyed by block id for
 * `ack({ response_action: 'errors', errors })`. Never throws: unknown shapes read as empty fields.
 */
export function parseContactModal(
  values: unknown,
  setup: ContactSetup,
  tr: Translator = translator('en'),
): ContactModalResult {
  const { reader, single, many } = readState(values);

  const rawType = single('type');
  const type = rawType === 'company' || rawType === 'person' ? rawType : undefined;
  const fields = new Set<ContactModalField>(
    type ? contactModalFields[type] : [...contactModalFields.company, ...contactModalFields.person],
  );

  const raw: Record<string, unknown> = { type: rawType };
  let independent = false;
  for (const field of fields) {
    if (field === 'companyId') raw.companyId = single(field) || undefined;
    else if (field === 'independent') independent = many(field).includes(employmentValue.independent);
    else if (field === 'privacyBlocked') Object.assign(raw, privacySwitches(many(field), rawType));
    else if (BOOLEAN_FIELDS.has(field)) raw[field] = many(field).length > 0;
    else if (MULTI_FIELDS.has(field)) raw[field] = many(field);
    else raw[field] = single(field);
  }
  // An empty name reads as '' so the schema says "Name is required." rather than a type error.
  raw.name ??= '';

  // One sentence per field: the first problem found with it.
  const errors = new FormErrors();
  const addFirst = (field: string, message: string) => {
    if (!errors.has(field)) errors.add(field, message);
  };

  const parsed = contactInputSchema.safeParse(raw, { error: contactErrorMap(tr) });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'name');
      addFirst(field, field === 'type' ? tr.t('contact.error.typeRequired') : issue.message);
    }
  }

  // Phone numbers, the home page and an org.nr. are checked here too (the service checks them again), so every
  // field's problem is told in the same round instead of one after the other.
  const text = (field: FormatField) =>
    typeof raw[field] === 'string' && raw[field].trim() !== '' ? raw[field].trim() : undefined;
  const formatErrors = validateContactFields({
    phone: text('phone'),
    mobile: text('mobile'),
    homePage: text('homePage'),
    vatRegNo: text('vatRegNo'),
  });
  for (const [field, key] of Object.entries(formatErrors)) if (key) addFirst(field, tr.t(key));

  if (type === 'person' && !independent && !raw.companyId) {
    addFirst('companyId', tr.t('contact.error.companyOrIndependent'));
  }
  for (const field of Object.keys(codeListOf) as CodeField[]) {
    if (!fields.has(field)) continue;
    const value = raw[field];
    const codes = Array.isArray(value)
      ? (value as string[])
      : typeof value === 'string' && value.trim() !== ''
        ? [value]
        : [];
    const [unknown] = unknownCodes(field, codes, setup);
    if (unknown !== undefined) addFirst(field, tr.t('contact.error.unknownCode', { code: unknown.slice(0, 20) }));
  }

  if (!parsed.success || errors.any) {
    // An error goes on its field's block when the state holds it (the type radio and a person's company picker
    // always count as there), else on the name block, which every contact modal has.
    const shownBlockOf = (field: string) => {
      const blockId = blockOfField(field);
      const there = field === 'type' || field === 'companyId' || (blockId !== undefined && reader.has(blockId));
      return there ? blockId : undefined;
    };
    return { ok: false, errors: errors.toBlockErrors(shownBlockOf, blocks.name) };
  }
  const isIndependent = parsed.data.type === 'person' && independent;
  const companyId = parsed.data.type === 'person' && !isIndependent ? parsed.data.companyId : null;
  return { ok: true, input: { ...parsed.data, companyId }, independent: isIndependent };
}

/**
 * What the user has typed so far, unvalidated: used to redraw the modal (type switch) without losing input.
 * Fields of both types are kept; the builder shows those of the current type. Never throws.
 */
export function readContactModalValues(values: unknown): {
  input: Partial<ContactInput>;
  companyOption?: { id: string; label: string };
  independent: boolean;
} {
  const { reader, single, many } = readState(values);
  const input: Record<string, unknown> = {};
  const type = single('type');
  if (type === 'company' || type === 'person') input.type = type;
  for (const field of new Set<ContactModalField>([...contactModalFields.company, ...contactModalFields.person])) {
    if (field === 'companyId' || field === 'independent') continue;
    if (field === 'privacyBlocked') Object.assign(input, privacySwitches(many(field), type));
    else if (BOOLEAN_FIELDS.has(field)) input[field] = many(field).length > 0;
    else if (MULTI_FIELDS.has(field)) input[field] = many(field);
    else {
      const value = single(field);
      if (value !== undefined && value !== '') input[field] = value;
    }
  }
  const company = reader.element(blocks.companyId)?.selected_option;
  const companyOption =
    company && company.value !== '' ? { id: company.value, label: company.text?.text ?? company.value } : undefined;
  if (companyOption) input.companyId = companyOption.id;
  return {
    input: input as Partial<ContactInput>,
    companyOption,
    independent: many('independent').includes(employmentValue.independent),
  };
}

/**
 * Maps the contact service's errors (keyed by ContactInput field, plus 'form') to the modal's block ids; 'form' and
 * anything without a block of its own go on the name block, which every contact modal shows.
 */
export function fieldErrorsToBlockErrors(errors: FieldErrors): BlockErrors {
  return toBlockErrors(errors, blockOfField, blocks.name);
}
