import type { Translator } from '../../i18n';
import type { InteractionType } from '../../services/setup/setup.types';
import { FormErrors, type BlockErrors } from '../block-errors';
import { oneLine } from './line-list';
import { setupBlocks as blocks, setupLimits, setupState } from './setup-form';

export const interactionFlows = ['outbound', 'inbound'] as const;
export const interactionInitiators = ['us', 'them'] as const;

/** The type modal's inputs, in the order it shows them. */
export const typeBlocks = [
  blocks.typeCode,
  blocks.typeDescription,
  blocks.typeMinutes,
  blocks.typeCost,
  blocks.typeFlow,
  blocks.typeInitiatedBy,
] as const;

export type InteractionTypeResult = { ok: true; type: InteractionType } | { ok: false; errors: BlockErrors };

const chars = (text: string): number => [...text].length;

/**
 * Reads the interaction type modal: every field checked at once, so all problems come back in one round.
 * `others` are the types it must not clash with (the list without the one being edited). Never throws.
 */
export function parseInteractionType(
  values: unknown,
  context: { others: readonly InteractionType[]; tr: Translator },
): InteractionTypeResult {
  const { tr } = context;
  const reader = setupState(values);
  const errors = new FormErrors();

  const code = (reader.single(blocks.typeCode) ?? '').trim().toUpperCase();
  if (code === '') errors.add(blocks.typeCode, tr.t('setup.type.error.codeRequired'));
  else if (/\s/.test(code)) errors.add(blocks.typeCode, tr.t('setup.type.error.codeSpaces'));
  else if (chars(code) > setupLimits.codeMax)
    errors.add(blocks.typeCode, tr.t('setup.type.error.codeTooLong', { max: setupLimits.codeMax }));
  else if (context.others.some((other) => other.code.toUpperCase() === code))
    errors.add(blocks.typeCode, tr.t('setup.type.error.codeTaken', { code }));

  const description = oneLine(reader.single(blocks.typeDescription) ?? '');
  if (description === '') errors.add(blocks.typeDescription, tr.t('setup.type.error.descriptionRequired'));
  else if (chars(description) > setupLimits.descriptionMax)
    errors.add(
      blocks.typeDescription,
      tr.t('setup.type.error.descriptionTooLong', { max: setupLimits.descriptionMax }),
    );

  const minutesText = (reader.single(blocks.typeMinutes) ?? '').trim();
  const minutes = /^\d{1,5}$/.test(minutesText) ? Number(minutesText) : NaN;
  if (!(minutes >= 0 && minutes <= setupLimits.minutesMax))
    errors.add(blocks.typeMinutes, tr.t('setup.type.error.minutes', { max: setupLimits.minutesMax }));

  const costText = (reader.single(blocks.typeCost) ?? '').replace(/\s/g, '').replace(',', '.');
  const cost = /^\d{1,10}(\.\d{1,2})?$/.test(costText) ? Number(costText) : NaN;
  if (!(cost >= 0 && cost <= setupLimits.costMax)) errors.add(blocks.typeCost, tr.t('setup.type.error.cost'));

  const flowText = reader.single(blocks.typeFlow);
  const flow = interactionFlows.find((value) => value === flowText);
  if (!flow) errors.add(blocks.typeFlow, tr.t('setup.type.error.flow'));
  const initiatedText = reader.single(blocks.typeInitiatedBy);
  const initiatedBy = interactionInitiators.find((value) => value === initiatedText);
  if (!initiatedBy) errors.add(blocks.typeInitiatedBy, tr.t('setup.type.error.initiatedBy'));

  if (errors.any || !flow || !initiatedBy)
    return { ok: false, errors: errors.toBlockErrors((b) => b, blocks.typeCode) };
  return { ok: true, type: { code, description, durationMin: minutes, cost, flow, initiatedBy } };
}
