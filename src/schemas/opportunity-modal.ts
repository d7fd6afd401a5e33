import { z } from 'zod';
import type { Translator } from '../i18n';
import { ids } from '../ids';
import { parseAmount, parsePct } from '../services/opportunities/amount';
import type {
  FieldProblems,
  NewOpportunityInput,
  OpportunityValues,
} from '../services/opportunities/opportunity.service';
import { priorities, type Priority } from '../services/opportunities/opportunity.types';
import { FormErrors, toBlockErrors, type BlockErrors } from './block-errors';
import { StateReader } from './view-state';

const objectId = z.string().regex(/^[0-9a-f]{24}$/i);
const B = ids.opportunity.blocks;

/** A card button's value: `opportunityId:version` (a Move option adds `:stageNo`). Untrusted: re-checked. */
export const oppValue = {
  encode: (id: string, version: number, stageNo?: number): string =>
    stageNo === undefined ? `${id}:${version}` : `${id}:${version}:${stageNo}`,
  decode(raw: unknown): { id: string; version: number; stageNo?: number } | undefined {
    if (typeof raw !== 'string') return undefined;
    const match = /^([0-9a-f]{24}):(\d{1,9})(?::(\d{1,4}))?$/i.exec(raw);
    if (!match) return undefined;
    return {
      id: match[1] ?? '',
      version: Number(match[2]),
      stageNo: match[3] === undefined ? undefined : Number(match[3]),
    };
  },
};

/** Where the card a modal was opened from lives (to redraw it once saved): a modal's id or a message's response_url. */
const cardPlace = z.object({
  v: z
    .string()
    .regex(/^V[A-Z0-9]{2,30}$/)
    .optional(),
  u: z.string().max(500).optional(),
});
export type OppCardPlace = z.infer<typeof cardPlace>;

/** New opportunity: the channel it was asked from (the card goes there), the contact card to redraw. */
export const newOppMetadataSchema = z.object({
  channelId: z
    .string()
    .regex(/^[CDG][A-Z0-9]{2,20}$/)
    .optional(),
});

/** Update and Close: the deal and the version the user's card showed, and where that card is. */
export const oppChangeMetadataSchema = z.object({
  o: objectId,
  ver: z.number().int().min(0),
  card: cardPlace.optional(),
});
export type OppChangeMetadata = z.infer<typeof oppChangeMetadataSchema>;

const FIELD_BLOCKS: Record<string, string> = {
  contact: B.contact,
  description: B.description,
  value: B.value,
  stage: B.stage,
  cycle: B.stage,
  chances: B.chances,
  closingDate: B.closingDate,
  priority: B.priority,
  salesperson: B.salesperson,
  closeCode: B.closeCode,
  actualValue: B.actualValue,
};

/** The service's problems as the modal's inline errors, each on its field's block. */
export function problemsToBlockErrors(problems: FieldProblems, tr: Translator, fallback: string): BlockErrors {
  const texts = Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [field, problem ? tr.t(problem.key, problem.vars) : '']),
  );
  return toBlockErrors(texts, (field) => FIELD_BLOCKS[field], fallback);
}

const reader = (values: unknown) =>
  new StateReader(values, (blockId) => (blockId === B.contact ? ids.actions.contactPicker : ids.opportunity.action));

const priorityOf = (raw: string | undefined): Priority | undefined => priorities.find((p) => p === raw);

function amount(form: FormErrors, field: string, raw: string | undefined, tr: Translator): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = parseAmount(raw);
  if (value === undefined) form.add(field, tr.t('opp.error.amount'));
  return value;
}

function pct(form: FormErrors, field: string, raw: string | undefined, tr: Translator): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = parsePct(raw);
  if (value === undefined) form.add(field, tr.t('opp.error.pct'));
  return value;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: BlockErrors };

/**
 * The New opportunity modal's state. The stage select's value is `CYCLE:stageNo` (or `CYCLE:` for not started);
 * the service checks that the stage is one of the cycle's.
 */
export function parseNewOpportunity(values: unknown, tr: Translator): Parsed<NewOpportunityInput> {
  const state = reader(values);
  const form = new FormErrors();
  const contactId = state.single(B.contact);
  if (!contactId) form.add('contact', tr.t('opp.error.contactMissing'));
  const description = state.single(B.description)?.trim() ?? '';
  if (description === '') form.add('description', tr.t('opp.error.descriptionRequired'));
  const rawValue = state.single(B.value);
  const estimatedValue = amount(form, 'value', rawValue, tr);
  if (rawValue === undefined || rawValue.trim() === '') form.add('value', tr.t('opp.error.amount'));
  const chancesPct = pct(form, 'chances', state.single(B.chances), tr);
  const stageRaw = state.single(B.stage);
  let cycleCode: string | undefined;
  let stageNo: number | null | undefined;
  if (stageRaw) {
    const match = /^([^:]{1,20}):(\d{0,4})$/.exec(stageRaw);
    if (!match) form.add('stage', tr.t('opp.error.stageNotInCycle', { stage: stageRaw.slice(0, 20), cycle: '?' }));
    else {
      cycleCode = match[1];
      stageNo = match[2] === '' ? null : Number(match[2]);
    }
  }
  const closingDate = state.single(B.closingDate);
  const salespersonId = state.single(B.salesperson);
  if (form.any) return { ok: false, errors: form.toBlockErrors((f) => FIELD_BLOCKS[f], B.description) };
  return {
    ok: true,
    value: {
      contactId: contactId ?? '',
      description,
      estimatedValue: estimatedValue ?? 0,
      ...(chancesPct !== undefined ? { chancesPct } : {}),
      ...(cycleCode !== undefined ? { cycleCode, stageNo } : {}),
      ...(closingDate ? { closingDate } : {}),
      priority: priorityOf(state.single(B.priority)) ?? 'normal',
      ...(salespersonId && /^[UW][A-Z0-9]{2,20}$/.test(salespersonId) ? { salespersonId } : {}),
    },
  };
}

/** The Update modal: only what was filled in changes (an emptied closing date clears it). */
export function parseOpportunityUpdate(values: unknown, tr: Translator): Parsed<OpportunityValues> {
  const state = reader(values);
  const form = new FormErrors();
  const description = state.single(B.description)?.trim();
  if (description !== undefined && description === '') form.add('description', tr.t('opp.error.descriptionRequired'));
  const estimatedValue = amount(form, 'value', state.single(B.value), tr);
  const chancesPct = pct(form, 'chances', state.single(B.chances), tr);
  if (form.any) return { ok: false, errors: form.toBlockErrors((f) => FIELD_BLOCKS[f], B.description) };
  return {
    ok: true,
    value: {
      ...(description ? { description } : {}),
      ...(estimatedValue !== undefined ? { estimatedValue } : {}),
      ...(chancesPct !== undefined ? { chancesPct } : {}),
      closingDate: state.single(B.closingDate) ?? null,
      ...(priorityOf(state.single(B.priority)) ? { priority: priorityOf(state.single(B.priority)) } : {}),
    },
  };
}

export interface CloseInput {
  outcome: 'won' | 'lost';
  closeCode?: string;
  actualValue?: number;
}

/** The Close modal: won or lost, a close code of that list (`won:CODE` / `lost:CODE`), the actual value. */
export function parseOpportunityClose(values: unknown, tr: Translator): Parsed<CloseInput> {
  const state = reader(values);
  const form = new FormErrors();
  const outcomeRaw = state.single(B.outcome);
  const outcome = outcomeRaw === 'won' || outcomeRaw === 'lost' ? outcomeRaw : undefined;
  if (!outcome) form.add('outcome', tr.t('opp.error.outcome'));
  const codeRaw = state.single(B.closeCode);
  let closeCode: string | undefined;
  if (codeRaw) {
    const [list, code] = codeRaw.split(':', 2);
    if (outcome && list !== outcome)
      form.add('closeCode', tr.t(outcome === 'won' ? 'opp.error.closeCodeWon' : 'opp.error.closeCodeLost'));
    closeCode = code;
  }
  const actualValue = amount(form, 'actualValue', state.single(B.actualValue), tr);
  if (form.any)
    return {
      ok: false,
      errors: form.toBlockErrors((f) => (f === 'outcome' ? B.outcome : FIELD_BLOCKS[f]), B.outcome),
    };
  return {
    ok: true,
    value: {
      outcome: outcome ?? 'lost',
      ...(closeCode ? { closeCode } : {}),
      ...(actualValue !== undefined ? { actualValue } : {}),
    },
  };
}
