import { elementState, optionValues, recordSchema, type ElementState } from './view-state';
import { t } from '../i18n';
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
export const DURATION_MAX = 7 * 24 * 60;
export const COST_MAX = 1_000_000_000;

// ---- reading view.state.values, whatever Slack (or a forger) sent --------------------------------------------

function readOne(state: ElementState | undefined): string | undefined {
  const value = state?.selected_option?.value ?? state?.selected_date ?? state?.value ?? undefined;
  return value === undefined || value.trim() === '' ? undefined : value;
}

function readMany(state: ElementState | undefined): string[] {
  return optionValues(state?.selected_options);
}

// ---- validation --------------------------------------------------------------------------------------------

export type VisitModalResult = { ok: true; input: VisitInput } | { ok: false; errors: Record<string, string> };

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
  context: { types: InteractionType[]; today: string },
): VisitModalResult {
  const state = recordSchema.parse(values);
  const read = (field: VisitField, actionId: string = blocks[field]) => elementState(state, blocks[field], actionId);
  const errors: Partial<Record<VisitField, string>> = {};

  // The select wins over the "did you mean" choice: searching is the more deliberate act.
  const choice = elementState(state, ids.visitField.contactChoice, ids.visitField.contactChoice);
  const contactId = readOne(read('contactId', ids.actions.contactPicker)) ?? readOne(choice);
  if (contactId === undefined || contactId.length > CONTACT_ID_MAX)
    errors.contactId = t(choice ? 'visit.error.contactChoose' : 'visit.error.contactRequired');

  const types = Array.isArray(context.types) ? context.types : [];
  const typeCode = readOne(read('typeCode'));
  if (types.length === 0) errors.contactId ??= t('visit.error.noTypes');
  else if (typeCode === undefined || !types.some((type) => type.code === typeCode))
    errors.typeCode = t('visit.error.typeUnknown');

  const date = readOne(read('date'));
  const latest = isIsoDate(context.today) ? oneYearAfter(context.today) : undefined;
  if (date === undefined) errors.date = t('visit.error.dateRequired');
  else if (!isIsoDate(date)) errors.date = t('visit.error.dateInvalid');
  else if (latest !== undefined && date > latest) errors.date = t('visit.error.dateTooLate', { latest });

  const description = (readOne(read('description')) ?? '').trim();
  if ([...description].length > DESCRIPTION_MAX)
    errors.description = t('visit.error.descriptionTooLong', { max: DESCRIPTION_MAX });

  const rawEvaluation = readOne(read('evaluation'));
  const evaluation = evaluations.find((value) => value === rawEvaluation);
  if (rawEvaluation !== undefined && evaluation === undefined) errors.evaluation = t('visit.error.evaluation');

  const successful = readMany(read('successful')).includes(SUCCESSFUL_VALUE);

  const rawDuration = readOne(read('durationMin'));
  const durationMin = rawDuration === undefined ? undefined : toNumber(rawDuration);
  if (rawDuration !== undefined) {
    if (durationMin === undefined || !Number.isInteger(durationMin))
      errors.durationMin = t('visit.error.durationWhole', { max: DURATION_MAX });
    else if (durationMin < 0) errors.durationMin = t('visit.error.durationNegative');
    else if (durationMin > DURATION_MAX) errors.durationMin = t('visit.error.durationWhole', { max: DURATION_MAX });
  }

  const rawCost = readOne(read('cost'));
  const cost = rawCost === undefined ? undefined : toNumber(rawCost);
  if (rawCost !== undefined) {
    if (cost === undefined || cost > COST_MAX) errors.cost = t('visit.error.costNumber');
    else if (cost < 0) errors.cost = t('visit.error.costNegative');
  }

  const followUpDate = readOne(read('followUpDate'));
  if (followUpDate !== undefined) {
    if (!isIsoDate(followUpDate)) errors.followUpDate = t('visit.error.dateInvalid');
    else if (date !== undefined && isIsoDate(date) && followUpDate < date)
      errors.followUpDate = t('visit.error.followUpBeforeDate', { date });
  }

  if (Object.keys(errors).length > 0 || contactId === undefined || typeCode === undefined || date === undefined) {
    return { ok: false, errors: visitErrorsToBlockErrors(errors) };
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
export function visitErrorsToBlockErrors(
  errors: Partial<Record<keyof VisitInput | 'form', string>>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (typeof message !== 'string' || message === '') continue;
    const blockId = field !== 'form' && Object.hasOwn(blocks, field) ? blocks[field as VisitField] : blocks.contactId;
    result[blockId] = result[blockId] === undefined ? message : `${result[blockId]} ${message}`;
  }
  return result;
}
