import { z } from 'zod';
import { elementState, optionValues, recordSchema, type ElementState } from './view-state';
import { t } from '../i18n';
import { ids } from '../ids';
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
export const contactModalFields = {
  company: [
    'no',
    'name',
    'name2',
    'searchName',
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
    'privacyBlocked',
  ],
  person: [
    'no',
    'name',
    'firstName',
    'middleName',
    'surname',
    'companyId',
    'independent',
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
    'privacyBlocked',
  ],
} as const satisfies Record<ContactType, readonly ContactModalField[]>;

/** Which setup code list each code field draws from. */
export const codeListOf = {
  territory: 'territories',
  organizationalLevel: 'organizationalLevels',
  industryGroups: 'industryGroups',
  businessRelations: 'businessRelations',
  jobResponsibilities: 'jobResponsibilities',
} as const satisfies Partial<Record<keyof ContactInput, keyof ContactSetup['codes']>>;

type CodeField = keyof typeof codeListOf;
const MULTI_FIELDS = new Set<ContactModalField>(['industryGroups', 'businessRelations', 'jobResponsibilities']);
const BOOLEAN_FIELDS = new Set<ContactModalField>(['independent', 'privacyBlocked']);

/** The value of the checkbox options in the modal (one box each). */
export const checkboxValue = { independent: 'independent', privacyBlocked: 'privacy_blocked' } as const;

// ---- reading view.state.values, whatever Slack (or a forger) sent -------------------------------------

function readSingle(state: ElementState | undefined): string | undefined {
  return state?.value ?? state?.selected_option?.value ?? state?.selected_user ?? undefined;
}

function readMany(state: ElementState | undefined): string[] {
  if (state?.selected_options) return optionValues(state.selected_options);
  const single = readSingle(state);
  return single === undefined ? [] : [single];
}

// ---- validation --------------------------------------------------------------------------------------

/** Messages for the issues the schema has no text of its own for (zod's defaults are not for salespeople). */
const modalErrorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'too_big' && issue.origin === 'array'
    ? t('contact.error.tooMany', { max: Number(issue.maximum) })
    : t('contact.error.invalidField');

export type ContactModalResult =
  { ok: true; input: ContactInput; independent: boolean } | { ok: false; errors: Record<string, string> };

function addError(errors: Record<string, string>, blockId: string, message: string): void {
  if (errors[blockId] === undefined) errors[blockId] = message;
}

function unknownCodes(field: CodeField, codes: string[], setup: ContactSetup): string[] {
  const known = new Set(setup.codes[codeListOf[field]].map((entry) => entry.code.trim().toUpperCase()));
  return codes.filter((code) => !known.has(code.trim().toUpperCase()));
}

/**
 * Reads the contact modal's `view.state.values` into a ContactInput, or errors keyed by block id for
 * `ack({ response_action: 'errors', errors })`. Never throws: unknown shapes read as empty fields.
 */
export function parseContactModal(values: unknown, setup: ContactSetup): ContactModalResult {
  const state = recordSchema.parse(values);
  const read = (field: ContactModalField, actionId: string = ids.contactField.action) =>
    elementState(state, blocks[field], actionId);

  const rawType = readSingle(read('type', ids.actions.contactTypeChanged));
  const type = rawType === 'company' || rawType === 'person' ? rawType : undefined;
  const fields = new Set<ContactModalField>(
    type ? contactModalFields[type] : [...contactModalFields.company, ...contactModalFields.person],
  );

  const raw: Record<string, unknown> = { type: rawType };
  let independent = false;
  for (const field of fields) {
    if (field === 'companyId') raw.companyId = readSingle(read(field, ids.actions.companyPicker)) || undefined;
    else if (field === 'independent') independent = readMany(read(field)).length > 0;
    else if (BOOLEAN_FIELDS.has(field)) raw[field] = readMany(read(field)).length > 0;
    else if (MULTI_FIELDS.has(field)) raw[field] = readMany(read(field));
    else raw[field] = readSingle(read(field));
  }
  // An empty name reads as '' so the schema says "Name is required." rather than a type error.
  raw.name ??= '';

  const errors: Record<string, string> = {};
  // Errors go on the field's block when the modal has it, else on the name block, which every contact modal has.
  const blockFor = (field: string): string => {
    const blockId = (blocks as Record<string, string>)[field];
    return blockId !== undefined && Object.hasOwn(state, blockId) ? blockId : blocks.name;
  };

  const parsed = contactInputSchema.safeParse(raw, { error: modalErrorMap });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'name');
      addError(
        errors,
        field === 'type' ? blocks.type : blockFor(field),
        field === 'type' ? t('contact.error.typeRequired') : issue.message,
      );
    }
  }

  if (type === 'person' && !independent && !raw.companyId) {
    addError(errors, blocks.companyId, t('contact.error.companyOrIndependent'));
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
    if (unknown !== undefined)
      addError(errors, blockFor(field), t('contact.error.unknownCode', { code: unknown.slice(0, 20) }));
  }

  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
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
  const state = recordSchema.parse(values);
  const read = (field: ContactModalField, actionId: string = ids.contactField.action) =>
    elementState(state, blocks[field], actionId);
  const input: Record<string, unknown> = {};
  const type = readSingle(read('type', ids.actions.contactTypeChanged));
  if (type === 'company' || type === 'person') input.type = type;
  for (const field of new Set<ContactModalField>([...contactModalFields.company, ...contactModalFields.person])) {
    if (field === 'companyId' || field === 'independent') continue;
    if (BOOLEAN_FIELDS.has(field)) input[field] = readMany(read(field)).length > 0;
    else if (MULTI_FIELDS.has(field)) input[field] = readMany(read(field));
    else {
      const value = readSingle(read(field));
      if (value !== undefined && value !== '') input[field] = value;
    }
  }
  const company = read('companyId', ids.actions.companyPicker)?.selected_option;
  const companyOption =
    company && company.value !== '' ? { id: company.value, label: company.text?.text ?? company.value } : undefined;
  if (companyOption) input.companyId = companyOption.id;
  return {
    input: input as Partial<ContactInput>,
    companyOption,
    independent: readMany(read('independent')).length > 0,
  };
}

/** Maps the contact service's errors (keyed by ContactInput field, plus 'form') to the modal's block ids. */
export function fieldErrorsToBlockErrors(errors: FieldErrors): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (typeof message !== 'string' || message === '') continue;
    // 'form' (and anything without a block of its own) goes on the name block, which every contact modal shows.
    const blockId = field !== 'form' && Object.hasOwn(blocks, field) ? blocks[field as ContactModalField] : blocks.name;
    result[blockId] = result[blockId] === undefined ? message : `${result[blockId]} ${message}`;
  }
  return result;
}
