import type { ActionsBlock, KnownBlock, ModalView, NumberInput, SectionBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { interactionFlows, interactionInitiators } from '../../schemas/setup/interaction-type';
import { setupLimits } from '../../schemas/setup/setup-form';
import type { InteractionType, WorkspaceSetup } from '../../services/setup/setup.types';
import { textElement } from '../contact/contact-modal.inputs';
import { escapeMrkdwn, mrkdwn, plain, SLACK, userText } from '../contact/text';
import { numberElement, option, radioElement, setupInput } from './setup-inputs';
import { assertMetadataFits } from './setup-section.view';

const blocks = ids.setupField.blocks;

/** The ⋯ menu value of a type's row: what to do and with which code (re-checked against setup on the way back). */
export const typeMenuValue = (action: 'edit' | 'remove', code: string): string => `${action}:${code}`;

function typeLine(tr: Translator, type: InteractionType): string {
  return tr.t('setup.types.row', {
    minutes: tr.number(type.durationMin),
    cost: tr.number(type.cost),
    flow: tr.t(`setup.type.flow.${type.flow}`),
    initiatedBy: tr.t(`setup.type.initiatedBy.${type.initiatedBy}`),
  });
}

function typeRow(tr: Translator, type: InteractionType): SectionBlock {
  return {
    type: 'section',
    text: mrkdwn(
      `*${escapeMrkdwn(userText(type.code, 10))}* · ${userText(type.description, 60)}\n${typeLine(tr, type)}`,
    ),
    accessory: {
      type: 'overflow',
      action_id: ids.actions.setupTypeMenu,
      options: [
        option(tr.t('setup.types.edit'), typeMenuValue('edit', type.code)),
        option(tr.t('setup.types.remove'), typeMenuValue('remove', type.code)),
      ],
    },
  };
}

/**
 * The interaction types as rows, each with a ⋯ menu (Edit, Remove), and "Add type". Every change is saved as it
 * is made; `note` says what the last one did. At most typeRowsShown rows fit a modal's 100 blocks.
 */
export function interactionTypeListBlocks(tr: Translator, setup: WorkspaceSetup, note?: string): KnownBlock[] {
  const types = setup.interactionTypes;
  const shown = types.slice(0, setupLimits.typeRowsShown);
  const result: KnownBlock[] = [
    {
      type: 'context',
      block_id: blocks.interactionTypes,
      elements: [mrkdwn(tr.t('setup.types.intro'))],
    },
  ];
  if (note) result.push({ type: 'context', elements: [mrkdwn(note)] });
  if (types.length === 0) result.push({ type: 'section', text: mrkdwn(tr.t('setup.home.typesNone')) });
  result.push(...shown.map((type) => typeRow(tr, type)));
  if (types.length > shown.length)
    result.push({
      type: 'context',
      elements: [mrkdwn(tr.t('setup.types.notShown', { count: types.length - shown.length }))],
    });
  const add: ActionsBlock = {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: ids.actions.setupTypeAdd,
        text: plain(tr.t('setup.types.add'), SLACK.buttonText),
        style: 'primary',
        value: 'add',
      },
    ],
  };
  if (types.length < setupLimits.typesMax) result.push(add);
  else result.push({ type: 'context', elements: [mrkdwn(tr.t('setup.types.full', { max: setupLimits.typesMax }))] });
  return result;
}

function costElement(value: number): NumberInput {
  return {
    type: 'number_input',
    action_id: ids.setupField.action,
    is_decimal_allowed: true,
    min_value: '0',
    max_value: String(setupLimits.costMax),
    initial_value: String(value),
  };
}

/** A new type starts as an outbound visit of an hour that we start. */
const newType: Omit<InteractionType, 'code' | 'description'> = {
  durationMin: 60,
  cost: 0,
  flow: 'outbound',
  initiatedBy: 'us',
};

/**
 * One interaction type to add (`type` absent) or edit, pushed over the list: code, description, default duration
 * and cost, direction and who starts it. Submitting sends ids.views.setupType; parseInteractionType reads it.
 */
export function interactionTypeModal(
  tr: Translator,
  args: { type?: InteractionType; privateMetadata: string },
): ModalView {
  assertMetadataFits(args.privateMetadata);
  const type = args.type;
  const values = { ...newType, ...type };
  const flows = interactionFlows.map((flow) => option(tr.t(`setup.type.flowOption.${flow}`), flow));
  const initiators = interactionInitiators.map((who) => option(tr.t(`setup.type.initiatedByOption.${who}`), who));
  return {
    type: 'modal',
    callback_id: ids.views.setupType,
    title: plain(tr.t(type ? 'setup.type.titleEdit' : 'setup.type.titleNew'), SLACK.modalTitle),
    submit: plain(tr.t('setup.modal.save'), SLACK.modalTitle),
    close: plain(tr.t('setup.modal.back'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks: [
      setupInput(
        blocks.typeCode,
        { ...textElement(type?.code, setupLimits.codeMax, 'VISIT') },
        {
          label: tr.t('setup.type.code'),
          hint: tr.t('setup.type.codeHint', { max: setupLimits.codeMax }),
          required: true,
        },
      ),
      setupInput(
        blocks.typeDescription,
        textElement(type?.description, setupLimits.descriptionMax, tr.t('setup.type.descriptionPlaceholder')),
        {
          label: tr.t('setup.type.description'),
          hint: tr.t('setup.type.descriptionHint'),
          required: true,
        },
      ),
      setupInput(blocks.typeMinutes, numberElement(values.durationMin, 0, setupLimits.minutesMax), {
        label: tr.t('setup.type.minutes'),
        hint: tr.t('setup.type.minutesHint'),
        required: true,
      }),
      setupInput(blocks.typeCost, costElement(values.cost), {
        label: tr.t('setup.type.cost'),
        hint: tr.t('setup.type.costHint'),
        required: true,
      }),
      setupInput(blocks.typeFlow, radioElement(flows, values.flow), {
        label: tr.t('setup.type.flow'),
        required: true,
      }),
      setupInput(blocks.typeInitiatedBy, radioElement(initiators, values.initiatedBy), {
        label: tr.t('setup.type.initiatedBy'),
        required: true,
      }),
    ],
  };
}
