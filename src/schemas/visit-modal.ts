import { FormErrors, toBlockErrors, type BlockErrors } from './block-errors';
import { StateReader } from './view-state';
import { translator, type Translator } from '../i18n';
import { ids } from '../ids';
import type { InteractionType } from '../services/setup/setup.types';
import { evaluations, type Evaluation, type VisitInput } from '../services/visits/visit.types';
import { isIsoDate, oneYearAfter } from '../services/calendar';

/** The block of each VisitInput field; an input's action_id is its block id (the contact's is the picker's). */
export const visitBlocks = {
  contactId: ids.visitField.contact,
  typeCode: ids.visitField.type,
  date: ids.visitField.date,
  description: ids.visitField.description,
  evaluation: ids.visitField.evaluation,
  successful: ids.visitField.successful,
  durationMin: ids.visitField.duration,
  cost: ids.visitField.cost,
  followUpDate: ids.visitField.followUp,
} as const satisfies Record<keyof VisitInput, string>;
const blocks = visitBlocks;
type VisitField = keyof typeof blocks;

/** Slack's plain_text_input limit: the modal's description takes no more, and neither does the parser. */
export const DESCRIPTION_MAX = 3000;
/** The value of the modal's one "successful" tick box. */
export const SUCCESSFUL_VALUE = 'successful';
/** A contact id is a 24-character ObjectId; the bound only keeps junk out, the service checks the id itself. */
const CONTACT_ID_MAX = 100;
/** A visit longer than a week is a typo. */
const DURATION_MAX = 7 * 24 * 60;
const COST_MAX = 1_000_000_000;

/** Every input's action_id is its block id, except the contact's, which shares the contact typeahead. */
const actionIdOf = (blockId: string): string => (blockId === blocks.contactId ? ids.actions.contactPicker : blockId);

const blockOf = (field: string): string | undefined =>
  Object.hasOwn(blocks, field) ? blocks[field as VisitField] : undefined;

export type VisitModalResult = { ok: true; input: VisitInput } | { ok: false; errors: BlockErrors };

/** A number typed into a number_input ("12", "12.5", " 12,5 "); undefined for anything else. */
function toNumber(text: string): number | undefined {
  const normalized = text.trim().replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalized)) return undefined;
  const number = Number(normalized);
  return Number.isFinite(number) ? number : undefined;
}

/**
 * Reads the log-visit modal's `view.state.values` into a VisitInput, or errors keyed by block id for
 * `ack({ response_action: 'errors', errors })`. `today` is the user's today (YYYY-MM-DD): a visit may be dated at
 * most a year ahead. Privacy-blocked and foreign contacts are the service's to refuse (see visitErrorsToBlockErrors).
 * Never throws: unknown shapes read as empty fields.
 */
export function parseVisitModal(
  values: unknown,
  context: { types: InteractionType[]; today: string; tr?: Translator },
): VisitModalResult {
  const t = (context.tr ?? translator('en')).t;
  const reader = new StateReader(values, actionIdOf);
  // A box holding only spaces is an empty box.
  const read = (field: VisitField): string | undefined => {
    const value = reader.single(blocks[field]);
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const errors = new FormErrors();

  // The select wins over the "did you mean" choice: searching is the more deliberate act.
  const choice = reader.single(ids.visitField.contactChoice);
  const contactId = read('contactId') ?? (choice?.trim() ? choice : undefined);
  if (contactId === undefined || contactId.length > CONTACT_ID_MAX)
    errors.add(
      'contactId',
      t(reader.has(ids.visitField.contactChoice) ? 'visit.error.contactChoose' : 'visit.error.contactRequired'),
    );

  const types = Array.isArray(context.types) ? context.types : [];
  const typeCode = read('typeCode');
  if (types.length === 0) {
    if (!errors.has('contactId')) errors.add('contactId', t('visit.error.noTypes'));
  } else if (typeCode === undefined || !types.some((type) => type.code === typeCode))
    errors.add('typeCode', t('visit.error.typeUnknown'));

  const date = read('date');
  const latest = isIsoDate(context.today) ? oneYearAfter(context.today) : undefined;
  if (date === undefined) errors.add('date', t('visit.error.dateRequired'));
  else if (!isIsoDate(date)) errors.add('date', t('visit.error.dateInvalid'));
  else if (latest !== undefined && date > latest) errors.add('date', t('visit.error.dateTooLate', { latest }));

  const description = (read('description') ?? '').trim();
  if ([...description].length > DESCRIPTION_MAX)
    errors.add('description', t('visit.error.descriptionTooLong', { max: DESCRIPTION_MAX }));

  const rawEvaluation = read('evaluation');
  const evaluation = evaluations.find((value) => value === rawEvaluation);
  if (rawEvaluation !== undefined && evaluation === undefined) errors.add('evaluation', t('visit.error.evaluation'));

  const successful = reader.many(blocks.successful).includes(SUCCESSFUL_VALUE);

  const rawDuration = read('durationMin');
  const durationMin = rawDuration === undefined ? undefined : toNumber(rawDuration);
  if (rawDuration !== undefined) {
    if (durationMin === undefined || !Number.isInteger(durationMin) || durationMin > DURATION_MAX)
      errors.add('durationMin', t('visit.error.durationWhole', { max: DURATION_MAX }));
    else if (durationMin < 0) errors.add('durationMin', t('visit.error.durationNegative'));
  }

  const rawCost = read('cost');
  const cost = rawCost === undefined ? undefined : toNumber(rawCost);
  if (rawCost !== undefined) {
    if (cost === undefined || cost > COST_MAX) errors.add('cost', t('visit.error.costNumber'));
    else if (cost < 0) errors.add('cost', t('visit.error.costNegative'));
  }

  const followUpDate = read('followUpDate');
  if (followUpDate !== undefined) {
    if (!isIsoDate(followUpDate)) errors.add('followUpDate', t('visit.error.dateInvalid'));
    else if (date !== undefined && isIsoDate(date) && followUpDate < date)
      errors.add('followUpDate', t('visit.error.followUpBeforeDate', { date }));
  }

  if (errors.any || contactId === undefined || typeCode === undefined || date === undefined) {
    return { ok: false, errors: errors.toBlockErrors(blockOf, blocks.contactId) };
  }
  const input: VisitInput = {
    contactId,
    typeCode,
    date,
    description,
    evaluation: evaluation ?? ('neutral' satisfies Evaluation),
    successful,
    ...(durationMin !== undefined ? { durationMin } : {}),
    // Money to the cent: 0.1 + 0.2 typed as 0.30000000000000004 is not what anyone meant.
    ...(cost !== undefined ? { cost: Math.round(cost * 100) / 100 } : {}),
    ...(followUpDate !== undefined ? { followUpDate } : {}),
  };
  return { ok: true, input };
}

/**
 * Maps errors keyed by VisitInput field (the visit service's, e.g. a privacy-blocked contact, or the parser's) to
 * the modal's block ids. 'form' and unknown keys go on the contact block, which every log-visit modal has.
 */
export function visitErrorsToBlockErrors(errors: Partial<Record<keyof VisitInput | 'form', string>>): BlockErrors {
  return toBlockErrors(errors, blockOf, blocks.contactId);
}
