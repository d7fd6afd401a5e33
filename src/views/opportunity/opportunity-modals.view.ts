import type { InputBlock, InputBlockElement, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { encodeMetadata } from '../../schemas/view-metadata';
import type { OppChangeMetadata } from '../../schemas/opportunity-modal';
import {
  priorities,
  type CloseCode,
  type Opportunity,
  type OpportunitySetup,
  type Priority,
} from '../../services/opportunities/opportunity.types';
import { mrkdwn, plain, SLACK, truncate } from '../contact/text';
import { stageName } from './opportunity-card.view';

const B = ids.opportunity.blocks;
const A = ids.opportunity.action;
const LABEL_MAX = 2000;

function input(
  blockId: string,
  element: InputBlockElement,
  label: string,
  options: { hint?: string; optional?: boolean } = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, LABEL_MAX),
    ...(options.hint ? { hint: plain(options.hint, 2000) } : {}),
    optional: options.optional === true,
    element,
  };
}

const text = (initial: string | undefined, placeholder?: string, multiline = false): InputBlockElement => ({
  type: 'plain_text_input',
  action_id: A,
  ...(multiline ? { multiline: true } : {}),
  ...(initial ? { initial_value: initial } : {}),
  ...(placeholder ? { placeholder: plain(placeholder, SLACK.placeholder) } : {}),
});

function priorityInput(tr: Translator, initial: Priority): InputBlock {
  const options: PlainTextOption[] = priorities.map((p) => ({
    text: plain(tr.t(`opp.priority.${p}`), SLACK.optionText),
    value: p,
  }));
  return input(
    B.priority,
    { type: 'static_select', action_id: A, options, initial_option: options.find((o) => o.value === initial) },
    tr.t('opp.field.priority'),
  );
}

function closingInput(tr: Translator, initial: string | null | undefined): InputBlock {
  return input(
    B.closingDate,
    { type: 'datepicker', action_id: A, ...(initial ? { initial_date: initial } : {}) },
    tr.t('opp.field.closingDate'),
    { optional: true },
  );
}

/** An amount as the reader writes it (`1 250 000`), for an input's initial value. */
const amountText = (tr: Translator, value: number) =>
  new Intl.NumberFormat(tr.tag, { maximumFractionDigits: 2, useGrouping: true }).format(value);

export interface NewOpportunityModalData {
  setup: OpportunitySetup;
  contactOption?: { id: string; label: string };
  userId: string;
  privateMetadata: string;
}

/** The stage select: `CYCLE:no` options (grouped by cycle when there are several), first stage of the default first. */
function stageInput(tr: Translator, setup: OpportunitySetup): InputBlock {
  const cycles = [...setup.cycles].sort(
    (a, b) => Number(b.code === setup.defaultCycle) - Number(a.code === setup.defaultCycle),
  );
  const optionsOf = (cycle: OpportunitySetup['cycles'][number]): PlainTextOption[] => [
    ...cycle.stages.map((stage) => ({
      text: plain(`${stage.no}. ${stage.description}`, SLACK.optionText),
      value: `${cycle.code}:${stage.no}`,
    })),
    { text: plain(tr.t('opp.status.not_started'), SLACK.optionText), value: `${cycle.code}:` },
  ];
  const first = cycles[0];
  const initial = first ? optionsOf(first)[0] : undefined;
  const element: InputBlockElement =
    cycles.length > 1
      ? {
          type: 'static_select',
          action_id: A,
          option_groups: cycles.slice(0, 10).map((cycle) => ({
            label: plain(truncate(cycle.description, 75), 75),
            options: optionsOf(cycle).slice(0, 100),
          })),
          ...(initial ? { initial_option: initial } : {}),
        }
      : {
          type: 'static_select',
          action_id: A,
          options: first ? optionsOf(first).slice(0, 100) : [],
          ...(initial ? { initial_option: initial } : {}),
        };
  return input(B.stage, element, tr.t('opp.field.stage'));
}

export function newOpportunityModal(tr: Translator, data: NewOpportunityModalData): ModalView {
  const blocks: KnownBlock[] = [
    input(
      B.contact,
      {
        type: 'external_select',
        action_id: ids.actions.contactPicker,
        min_query_length: 1,
        placeholder: plain(tr.t('opp.modal.contactPlaceholder'), SLACK.placeholder),
        ...(data.contactOption
          ? {
              initial_option: { text: plain(data.contactOption.label, SLACK.optionText), value: data.contactOption.id },
            }
          : {}),
      },
      tr.t('opp.field.contact'),
    ),
    input(B.description, text(undefined, tr.t('opp.modal.descriptionPlaceholder')), tr.t('opp.field.description')),
    input(
      B.value,
      text(undefined, '1 250 000'),
      tr.t('opp.field.estimatedValueIn', { currency: data.setup.currency }),
      {
        hint: tr.t('opp.modal.valueHint'),
      },
    ),
    stageInput(tr, data.setup),
    input(B.chances, text(undefined, tr.t('opp.modal.chancesPlaceholder')), tr.t('opp.field.chances'), {
      optional: true,
      hint: tr.t('opp.modal.chancesHint'),
    }),
    closingInput(tr, undefined),
    priorityInput(tr, 'normal'),
    input(
      B.salesperson,
      { type: 'users_select', action_id: A, initial_user: data.userId },
      tr.t('opp.field.salesperson'),
    ),
  ];
  return {
    type: 'modal',
    callback_id: ids.opportunity.views.create,
    private_metadata: data.privateMetadata,
    title: plain(tr.t('opp.modal.newTitle'), SLACK.modalTitle),
    submit: plain(tr.t('opp.modal.create'), SLACK.modalTitle),
    close: plain(tr.t('opp.modal.cancel'), SLACK.modalTitle),
    blocks,
  };
}

function heading(o: Opportunity, setup: OpportunitySetup, tr: Translator): KnownBlock {
  const cycle = setup.cycles.find((c) => c.code === o.cycleCode);
  return {
    type: 'context',
    elements: [mrkdwn(`*${o.no}* · ${truncate(o.contactName, 80)} · ${stageName(cycle, o.stageNo, tr)}`)],
  };
}

export function updateOpportunityModal(
  tr: Translator,
  o: Opportunity,
  setup: OpportunitySetup,
  metadata: OppChangeMetadata,
): ModalView {
  return {
    type: 'modal',
    callback_id: ids.opportunity.views.update,
    private_metadata: encodeMetadata(metadata),
    title: plain(tr.t('opp.modal.updateTitle'), SLACK.modalTitle),
    submit: plain(tr.t('opp.modal.save'), SLACK.modalTitle),
    close: plain(tr.t('opp.modal.cancel'), SLACK.modalTitle),
    blocks: [
      heading(o, setup, tr),
      input(B.description, text(o.description), tr.t('opp.field.description')),
      input(
        B.value,
        text(amountText(tr, o.estimatedValue)),
        tr.t('opp.field.estimatedValueIn', { currency: o.currency }),
        {
          hint: tr.t('opp.modal.valueHint'),
        },
      ),
      input(
        B.chances,
        text(String(o.chancesPct).replace('.', tr.locale === 'nb' ? ',' : '.')),
        tr.t('opp.field.chances'),
        {
          hint: tr.t('opp.modal.chancesRange'),
        },
      ),
      closingInput(tr, o.closingDate),
      priorityInput(tr, o.priority),
    ],
  };
}

function codeOptions(codes: CloseCode[], list: 'won' | 'lost'): PlainTextOption[] {
  return codes.slice(0, 50).map((c) => ({
    text: plain(`${c.code} – ${c.description}`, SLACK.optionText),
    value: `${list}:${c.code}`,
  }));
}

export function closeOpportunityModal(
  tr: Translator,
  o: Opportunity,
  setup: OpportunitySetup,
  metadata: OppChangeMetadata,
): ModalView {
  const outcomes: PlainTextOption[] = [
    { text: plain(tr.t('opp.close.won'), SLACK.optionText), value: 'won' },
    { text: plain(tr.t('opp.close.lost'), SLACK.optionText), value: 'lost' },
  ];
  const groups = [
    { label: plain(tr.t('opp.close.wonCodes'), 75), options: codeOptions(setup.closeCodes.won, 'won') },
    { label: plain(tr.t('opp.close.lostCodes'), 75), options: codeOptions(setup.closeCodes.lost, 'lost') },
  ].filter((g) => g.options.length > 0);
  const blocks: KnownBlock[] = [
    heading(o, setup, tr),
    input(B.outcome, { type: 'radio_buttons', action_id: A, options: outcomes }, tr.t('opp.close.outcome')),
  ];
  if (groups.length > 0)
    blocks.push(
      input(B.closeCode, { type: 'static_select', action_id: A, option_groups: groups }, tr.t('opp.field.closeCode'), {
        hint: tr.t('opp.close.codeHint'),
      }),
    );
  blocks.push(
    input(
      B.actualValue,
      text(amountText(tr, o.estimatedValue)),
      tr.t('opp.field.actualValueIn', { currency: o.currency }),
      {
        optional: true,
        hint: tr.t('opp.close.valueHint'),
      },
    ),
  );
  return {
    type: 'modal',
    callback_id: ids.opportunity.views.close,
    private_metadata: encodeMetadata(metadata),
    title: plain(tr.t('opp.close.title'), SLACK.modalTitle),
    submit: plain(tr.t('opp.close.submit'), SLACK.modalTitle),
    close: plain(tr.t('opp.modal.cancel'), SLACK.modalTitle),
    blocks,
  };
}
