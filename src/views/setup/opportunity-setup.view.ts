import type { ActionsBlock, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { formatStageLine, newsEvents, oppSetupLimits } from '../../schemas/setup/opportunity-setup-form';
import { formatCodeLine } from '../../schemas/setup/code-lines';
import { setupLimits } from '../../schemas/setup/setup-form';
import { oppSetupSections, type OppSetupSection } from '../../services/opportunities/opportunity-setup.sections';
import type { OpportunitySetup, SalesCycle } from '../../services/opportunities/opportunity.types';
import { probabilityCalculations } from '../../services/opportunities/probability';
import { textElement } from '../contact/contact-modal.inputs';
import { escapeMrkdwn, mrkdwn, plain, SLACK, userText } from '../contact/text';
import { checkboxesElement, multilineElement, numberElement, option, radioElement, setupInput } from './setup-inputs';
import { formatContactNo } from './setup-labels';
import { assertMetadataFits } from './setup-section.view';

const blocks = ids.oppSetupField;
const action = ids.setupField.action;

export function oppSectionTitle(tr: Translator, section: OppSetupSection): string {
  return tr.t(`oppSetup.section.${section}`);
}

const codes = (list: { code: string }[]) =>
  list.length === 0 ? '—' : list.map((entry) => escapeMrkdwn(userText(entry.code, 10))).join(', ');

function cycleLine(tr: Translator, cycle: SalesCycle, setup: OpportunitySetup): string {
  return tr.t(cycle.code === setup.defaultCycle ? 'oppSetup.home.cycleDefault' : 'oppSetup.home.cycle', {
    code: escapeMrkdwn(userText(cycle.code, 10)),
    count: cycle.stages.length,
  });
}

/** The one-line summary of a sales-opportunity section, as mrkdwn. */
export function oppSectionSummary(
  tr: Translator,
  section: OppSetupSection,
  setup: OpportunitySetup,
  nextNo: number,
): string {
  switch (section) {
    case 'salesCycles':
      return setup.cycles.map((cycle) => cycleLine(tr, cycle, setup)).join(', ');
    case 'closeCodes':
      return tr.t('oppSetup.home.closeCodes', { won: codes(setup.closeCodes.won), lost: codes(setup.closeCodes.lost) });
    case 'opportunities':
      return tr.t('oppSetup.home.opportunities', {
        next: escapeMrkdwn(formatContactNo(setup.numbering, nextNo)),
        cycle: escapeMrkdwn(userText(setup.defaultCycle, 10)),
        currency: escapeMrkdwn(setup.currency),
      });
    case 'dealNews': {
      if (!setup.news.channelId) return tr.t('oppSetup.home.newsOff');
      const events = eventsOf(setup)
        .map((event) => tr.t(`oppSetup.news.event.${event}`))
        .join(', ');
      return tr.t('oppSetup.home.newsOn', {
        channel: `<#${setup.news.channelId}>`,
        events: events || tr.t('oppSetup.home.newsNothing'),
      });
    }
  }
}

function eventsOf(setup: OpportunitySetup): (typeof newsEvents)[number][] {
  return newsEvents.filter((event) =>
    event === 'moved' ? setup.news.movedFrom !== undefined : setup.news[event as 'won' | 'created' | 'lost'],
  );
}

/** The setup summary's "Sales opportunities" part: each section with its summary and Edit. */
export function oppSetupSummaryBlocks(tr: Translator, setup: OpportunitySetup, nextNo: number): KnownBlock[] {
  return [
    { type: 'divider' },
    { type: 'header', text: plain(tr.t('oppSetup.home.title'), SLACK.headerText) },
    ...oppSetupSections.map((section): SectionBlock => ({
      type: 'section',
      text: mrkdwn(`*${escapeMrkdwn(oppSectionTitle(tr, section))}*\n${oppSectionSummary(tr, section, setup, nextNo)}`),
      accessory: {
        type: 'button',
        action_id: ids.actions.oppSetupOpen,
        text: plain(tr.t('setup.home.edit'), SLACK.buttonText),
        value: section,
      },
    })),
  ];
}

/** The ⋯ menu value of a cycle's row (re-checked against setup on the way back). */
export const cycleMenuValue = (verb: 'edit' | 'remove', code: string): string => `${verb}:${code}`;

function cycleRow(tr: Translator, cycle: SalesCycle, setup: OpportunitySetup): SectionBlock {
  const stages = cycle.stages
    .map((stage) =>
      tr.t('oppSetup.cycles.stage', {
        no: stage.no,
        description: userText(stage.description, 40),
        completed: tr.number(stage.completedPct),
        chances: tr.number(stage.chancesPct),
        skip: stage.allowSkip ? tr.t('oppSetup.cycles.maySkip') : '',
      }),
    )
    .join('\n');
  const title = tr.t(cycle.code === setup.defaultCycle ? 'oppSetup.cycles.rowDefault' : 'oppSetup.cycles.row', {
    code: escapeMrkdwn(userText(cycle.code, 10)),
    description: userText(cycle.description, 60),
    calculation: tr.t(`oppSetup.calculation.${cycle.calculation}`),
  });
  return {
    type: 'section',
    text: mrkdwn(`${title}\n${stages}`),
    accessory: {
      type: 'overflow',
      action_id: ids.actions.oppSetupCycleMenu,
      options: [
        option(tr.t('setup.types.edit'), cycleMenuValue('edit', cycle.code)),
        option(tr.t('setup.types.remove'), cycleMenuValue('remove', cycle.code)),
      ],
    },
  };
}

function sectionBlocks(tr: Translator, section: OppSetupSection, setup: OpportunitySetup, nextNo: number) {
  switch (section) {
    case 'salesCycles': {
      const list: KnownBlock[] = [
        { type: 'context', block_id: blocks.cycles, elements: [mrkdwn(tr.t('oppSetup.cycles.intro'))] },
        ...setup.cycles.map((cycle) => cycleRow(tr, cycle, setup)),
      ];
      const add: ActionsBlock = {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ids.actions.oppSetupCycleAdd,
            text: plain(tr.t('oppSetup.cycles.add'), SLACK.buttonText),
            style: 'primary',
            value: 'add',
          },
        ],
      };
      if (setup.cycles.length < oppSetupLimits.cyclesMax) list.push(add);
      return list;
    }
    case 'closeCodes':
      return [
        { type: 'context' as const, elements: [mrkdwn(tr.t('oppSetup.close.intro'))] },
        setupInput(
          blocks.closeWon,
          multilineElement(setup.closeCodes.won.map(formatCodeLine).join('\n'), 'PRICE Good price'),
          {
            label: tr.t('oppSetup.close.won'),
            hint: tr.t('oppSetup.close.hint', { max: setupLimits.codeMax }),
          },
        ),
        setupInput(
          blocks.closeLost,
          multilineElement(setup.closeCodes.lost.map(formatCodeLine).join('\n'), 'COMPETITOR Went to a competitor'),
          { label: tr.t('oppSetup.close.lost'), hint: tr.t('oppSetup.close.hint', { max: setupLimits.codeMax }) },
        ),
      ];
    case 'opportunities': {
      const cycles = setup.cycles.map((cycle) => option(`${cycle.code} · ${cycle.description}`, cycle.code));
      const initial = cycles.find((o) => o.value === setup.defaultCycle);
      return [
        setupInput(blocks.prefix, textElement(setup.numbering.prefix, setupLimits.prefixMax, 'SM'), {
          label: tr.t('oppSetup.opps.prefix'),
          hint: tr.t('oppSetup.opps.prefixHint'),
        }),
        setupInput(
          blocks.digits,
          numberElement(setup.numbering.digits, setupLimits.digits.min, setupLimits.digits.max),
          {
            label: tr.t('oppSetup.opps.digits'),
            required: true,
          },
        ),
        setupInput(blocks.nextNo, numberElement(nextNo, 1), {
          label: tr.t('oppSetup.opps.nextNo'),
          hint: tr.t('oppSetup.opps.nextNoHint', { example: formatContactNo(setup.numbering, nextNo) }),
          required: true,
        }),
        setupInput(
          blocks.defaultCycle,
          {
            type: 'static_select',
            action_id: action,
            options: cycles,
            ...(initial ? { initial_option: initial } : {}),
          },
          { label: tr.t('oppSetup.opps.defaultCycle'), required: true },
        ),
        setupInput(blocks.currency, textElement(setup.currency, 3, 'NOK'), {
          label: tr.t('oppSetup.opps.currency'),
          hint: tr.t('oppSetup.opps.currencyHint'),
          required: true,
        }),
      ];
    }
    case 'dealNews': {
      const events = newsEvents.map((event) => option(tr.t(`oppSetup.news.eventOption.${event}`), event));
      const cycle = setup.cycles.find((candidate) => candidate.code === setup.defaultCycle) ?? setup.cycles[0];
      const stages = (cycle?.stages ?? []).map((stage) =>
        option(`${stage.no}. ${stage.description}`, String(stage.no)),
      );
      const initialStage = stages.find((o) => o.value === String(setup.news.movedFrom));
      return [
        { type: 'context' as const, elements: [mrkdwn(tr.t('oppSetup.news.intro'))] },
        setupInput(
          blocks.newsChannel,
          {
            type: 'conversations_select',
            action_id: action,
            filter: { include: ['public', 'private'], exclude_bot_users: true },
            placeholder: plain(tr.t('oppSetup.news.channelPlaceholder'), SLACK.placeholder),
            ...(setup.news.channelId ? { initial_conversation: setup.news.channelId } : {}),
          },
          { label: tr.t('oppSetup.news.channel'), hint: tr.t('oppSetup.news.channelHint') },
        ),
        setupInput(blocks.newsEvents, checkboxesElement(events, eventsOf(setup)), {
          label: tr.t('oppSetup.news.events'),
        }),
        ...(stages.length > 0
          ? [
              setupInput(
                blocks.newsMovedFrom,
                {
                  type: 'static_select',
                  action_id: action,
                  options: stages.slice(0, 100),
                  ...(initialStage ? { initial_option: initialStage } : {}),
                },
                { label: tr.t('oppSetup.news.movedFrom'), hint: tr.t('oppSetup.news.movedFromHint') },
              ),
            ]
          : []),
      ];
    }
  }
}

/**
 * One sales-opportunity section's form, pushed over the setup summary (callback ids.views.oppSetupSection).
 * `note` says what the last change did; `warning` is shown first (the deal-news channel Kontakt is not in).
 */
export function oppSetupSectionModal(
  tr: Translator,
  args: {
    section: OppSetupSection;
    setup: OpportunitySetup;
    nextNo: number;
    privateMetadata: string;
    note?: string;
    warning?: string;
  },
): ModalView {
  assertMetadataFits(args.privateMetadata);
  const notes: KnownBlock[] = [
    ...(args.warning ? [{ type: 'section' as const, text: mrkdwn(args.warning) }] : []),
    ...(args.note ? [{ type: 'context' as const, elements: [mrkdwn(args.note)] }] : []),
  ];
  return {
    type: 'modal',
    callback_id: ids.views.oppSetupSection,
    title: plain(oppSectionTitle(tr, args.section), SLACK.modalTitle),
    submit: plain(tr.t(args.section === 'salesCycles' ? 'oppSetup.done' : 'setup.modal.save'), SLACK.modalTitle),
    close: plain(tr.t('setup.modal.back'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks: [...notes, ...sectionBlocks(tr, args.section, args.setup, args.nextNo)],
  };
}

/** A new cycle starts with one stage to edit. */
const newStages = (tr: Translator) => `1 | ${tr.t('opp.default.stage1')} | 10 | 25`;

/**
 * One sales cycle to add (`cycle` absent) or edit, pushed over the list: code, description, probability
 * calculation (NAV's four) and its stages, one a line: `no. | description | completed % | chances % | skip`.
 */
export function salesCycleModal(tr: Translator, args: { cycle?: SalesCycle; privateMetadata: string }): ModalView {
  assertMetadataFits(args.privateMetadata);
  const { cycle } = args;
  const calculations = probabilityCalculations.map((calculation) =>
    option(tr.t(`oppSetup.calculationOption.${calculation}`), calculation),
  );
  const stages = cycle ? cycle.stages.map((stage) => formatStageLine(tr, stage)).join('\n') : newStages(tr);
  return {
    type: 'modal',
    callback_id: ids.views.oppSetupCycle,
    title: plain(tr.t(cycle ? 'oppSetup.cycle.titleEdit' : 'oppSetup.cycle.titleNew'), SLACK.modalTitle),
    submit: plain(tr.t('setup.modal.save'), SLACK.modalTitle),
    close: plain(tr.t('setup.modal.back'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks: [
      setupInput(blocks.cycleCode, textElement(cycle?.code, setupLimits.codeMax, 'PROJECT'), {
        label: tr.t('oppSetup.cycle.code'),
        hint: tr.t('oppSetup.cycle.codeHint', { max: setupLimits.codeMax }),
        required: true,
      }),
      setupInput(blocks.cycleDescription, textElement(cycle?.description, setupLimits.descriptionMax), {
        label: tr.t('oppSetup.cycle.description'),
        required: true,
      }),
      setupInput(blocks.cycleCalculation, radioElement(calculations, cycle?.calculation ?? 'multiply'), {
        label: tr.t('oppSetup.cycle.calculation'),
        required: true,
      }),
      setupInput(blocks.cycleStages, multilineElement(stages), {
        label: tr.t('oppSetup.cycle.stages'),
        hint: tr.t('oppSetup.cycle.stagesHint', { skip: tr.t('oppSetup.cycle.skipWord') }),
        required: true,
      }),
    ],
  };
}
