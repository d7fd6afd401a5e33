import type { ActionsBlock, Button, KnownBlock, ModalView, PlainTextOption, StaticSelect } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { oppValue } from '../../schemas/opportunity-modal';
import {
  isOpen,
  type Opportunity,
  type OpportunityEntry,
  type OpportunitySummary,
  type SalesCycle,
} from '../../services/opportunities/opportunity.types';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate } from '../contact/text';
import type { Task } from '../../services/tasks/task.types';
import { taskCardBlocks } from '../task/task-card';

export interface OpportunityCardData {
  opportunity: Opportunity;
  /** Its sales cycle (undefined when setup lost it: the stage is then shown by its no.). */
  cycle?: SalesCycle;
  /** Salesperson, managers, admins. */
  canChange: boolean;
  /** Managers and admins, on a closed deal. */
  canReopen: boolean;
  /** Visits logged for this deal, newest first. */
  visits?: { date: string; typeDescription: string; salespersonId: string }[];
  /** A line above the card saying what just happened, as mrkdwn. */
  notice?: string;
  /** The reader's time zone, for the entries' times. */
  timeZone?: string;
  /** The deal's open tasks (a few, and how many), `today` in the reader's calendar. */
  tasks?: { tasks: Task[]; total: number; today: string };
}

const DESCRIPTION_MAX = 120;

export function stageName(cycle: SalesCycle | undefined, stageNo: number | null, tr: Translator): string {
  if (stageNo === null) return tr.t('opp.status.not_started');
  const stage = cycle?.stages.find((s) => s.no === stageNo);
  return stage ? stage.description : tr.t('opp.stage.unknown', { no: stageNo });
}

function statusText(opportunity: Pick<Opportunity, 'status'>, tr: Translator): string {
  return tr.t(`opp.status.${opportunity.status}`);
}

/** ✅ First contact → ✅ Needs analysis → *▶ Offer* → Negotiation → Signed */
function progressLine(data: OpportunityCardData, tr: Translator): string {
  const { opportunity, cycle } = data;
  if (!cycle) return stageName(cycle, opportunity.stageNo, tr);
  const current = cycle.stages.findIndex((s) => s.no === opportunity.stageNo);
  const parts = cycle.stages.map((stage, index) => {
    const name = escapeMrkdwn(truncate(stage.description, 40));
    if (index < current || (index === current && opportunity.status === 'won')) return `:white_check_mark: ${name}`;
    if (index === current) return `*:arrow_forward: ${name}*`;
    return name;
  });
  return parts.join('  →  ');
}

function entryLine(entry: OpportunityEntry, data: OpportunityCardData, tr: Translator): string {
  const { opportunity, cycle } = data;
  const when = `${tr.date(entry.at, data.timeZone)} ${tr.time(entry.at, data.timeZone)}`;
  const value = tr.amount(entry.estimatedValue, opportunity.currency);
  let what: string;
  switch (entry.action) {
    case 'created':
      what = tr.t('opp.entry.created', { stage: escapeMrkdwn(stageName(cycle, entry.toStage, tr)) });
      break;
    case 'stage':
      what = tr.t('opp.entry.stage', {
        from: escapeMrkdwn(stageName(cycle, entry.fromStage, tr)),
        to: escapeMrkdwn(stageName(cycle, entry.toStage, tr)),
      });
      break;
    case 'update':
      what = tr.t('opp.entry.update', {
        fields: (entry.fields ?? []).map((f) => tr.t(`opp.field.${f}` as 'opp.field.value')).join(', '),
      });
      break;
    case 'won':
    case 'lost':
      what = tr.t(`opp.entry.${entry.action}`, {
        code: entry.closeCode ?? '—',
        value: tr.amount(entry.actualValue ?? 0, opportunity.currency),
      });
      break;
    case 'reopened':
      what = tr.t('opp.entry.reopened');
      break;
    case 'recalculated':
      what = tr.t('opp.entry.recalculated', { pct: tr.number(entry.probabilityPct) });
      break;
  }
  return `${when} · <@${entry.by}> · ${what} · ${value} · ${tr.t('opp.entry.chances', { pct: tr.number(entry.chancesPct) })}`;
}

function stageOptions(data: OpportunityCardData, tr: Translator): PlainTextOption[] {
  const { opportunity, cycle } = data;
  return (cycle?.stages ?? [])
    .filter((stage) => stage.no !== opportunity.stageNo)
    .slice(0, SLACK.selectOptions)
    .map((stage) => ({
      text: plain(
        `${stage.no}. ${stage.description}${stage.allowSkip ? '' : ''} (${tr.number(stage.completedPct)} %)`,
        SLACK.optionText,
      ),
      value: oppValue.encode(opportunity.id, opportunity.version, stage.no),
    }));
}

function actions(data: OpportunityCardData, tr: Translator): KnownBlock[] {
  const { opportunity } = data;
  const value = oppValue.encode(opportunity.id, opportunity.version);
  const button = (text: string, actionId: string, style?: 'primary' | 'danger'): Button => ({
    type: 'button',
    text: plain(text, SLACK.buttonText),
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  });
  if (!isOpen(opportunity.status)) {
    if (!data.canReopen) return [];
    return [{ type: 'actions', elements: [button(tr.t('opp.button.reopen'), ids.opportunity.actions.reopen)] }];
  }
  if (!data.canChange)
    return [
      {
        type: 'context',
        elements: [mrkdwn(tr.t('opp.card.readOnly', { user: `<@${opportunity.salespersonId}>` }))],
      },
    ];
  const elements: ActionsBlock['elements'] = [];
  const last = data.cycle?.stages[data.cycle.stages.length - 1];
  if (last && opportunity.stageNo !== last.no)
    elements.push(button(tr.t('opp.button.next'), ids.opportunity.actions.next, 'primary'));
  elements.push(button(tr.t('opp.button.update'), ids.opportunity.actions.update));
  const options = stageOptions(data, tr);
  if (options.length > 0) {
    const select: StaticSelect = {
      type: 'static_select',
      action_id: ids.opportunity.actions.move,
      placeholder: plain(tr.t('opp.button.move'), SLACK.placeholder),
      options,
    };
    elements.push(select);
  }
  elements.push(button(tr.t('opp.button.close'), ids.opportunity.actions.close));
  return [{ type: 'actions', elements }];
}

function cardBlocks(data: OpportunityCardData, tr: Translator): KnownBlock[] {
  const { opportunity: o, cycle } = data;
  const blocks: KnownBlock[] = [];
  if (data.notice) blocks.push({ type: 'context', elements: [mrkdwn(data.notice)] });
  blocks.push({
    type: 'header',
    text: plain(`:handshake: ${truncate(o.description, DESCRIPTION_MAX)} (${o.no})`, SLACK.headerText),
  });
  const contact = `${escapeMrkdwn(truncate(o.contactName, 80))} (${escapeMrkdwn(o.contactNo)})`;
  const company = o.companyName ? ` · ${escapeMrkdwn(truncate(o.companyName, 80))}` : '';
  blocks.push({
    type: 'section',
    text: mrkdwn(`*${tr.t('opp.field.contact')}:* ${contact}${company}`),
    accessory: {
      type: 'button',
      text: plain(tr.t('opp.card.openContact'), SLACK.buttonText),
      action_id: ids.actions.viewContact,
      value: o.contactId,
    },
  });
  blocks.push({ type: 'context', elements: [mrkdwn(progressLine(data, tr))] });
  const field = (label: string, value: string) => mrkdwn(`*${label}*\n${value}`);
  const fields = [
    field(tr.t('opp.field.status'), `${statusText(o, tr)} · ${escapeMrkdwn(stageName(cycle, o.stageNo, tr))}`),
    field(tr.t('opp.field.salesperson'), `<@${o.salespersonId}>`),
    field(tr.t('opp.field.estimatedValue'), tr.amount(o.estimatedValue, o.currency)),
    field(
      tr.t('opp.field.calculatedValue'),
      `${tr.amount(o.calculatedValue, o.currency)} (${tr.t('opp.card.probability', { pct: tr.number(o.probabilityPct) })})`,
    ),
    field(tr.t('opp.field.chances'), `${tr.number(o.chancesPct)} %`),
    field(tr.t('opp.field.closingDate'), o.closingDate ? tr.date(o.closingDate) : tr.t('card.empty')),
    field(tr.t('opp.field.priority'), tr.t(`opp.priority.${o.priority}`)),
  ];
  if (!isOpen(o.status))
    fields.push(
      field(
        tr.t('opp.field.closed'),
        `${o.closedDate ? tr.date(o.closedDate) : ''} · ${escapeMrkdwn(o.closeCode ?? '—')} · ${tr.amount(o.actualValue ?? 0, o.currency)}`,
      ),
    );
  blocks.push({ type: 'section', fields: fields.slice(0, SLACK.sectionFields) });
  if (data.visits && data.visits.length > 0) {
    const lines = data.visits.map(
      (v) => `• ${tr.date(v.date)} · ${escapeMrkdwn(truncate(v.typeDescription, 40))} · <@${v.salespersonId}>`,
    );
    blocks.push({ type: 'section', text: mrkdwn(`*${tr.t('opp.card.visits')}*\n${lines.join('\n')}`) });
  }
  if (o.entries.length > 0) {
    const lines = o.entries.map((e) => entryLine(e, data, tr));
    const more =
      o.entryCount > o.entries.length
        ? `\n_${tr.t('opp.card.moreEntries', { count: o.entryCount - o.entries.length })}_`
        : '';
    blocks.push({ type: 'section', text: mrkdwn(`*${tr.t('opp.card.history')}*\n${lines.join('\n')}${more}`) });
  }
  blocks.push(...taskBlocks(data, tr));
  blocks.push(...actions(data, tr));
  return blocks;
}

/**
 * The deal's open tasks, and Add task beside them while the deal is open (it only opens the task modal, for the
 * deal and its contact; who may then change the task is the task's rule).
 */
function taskBlocks(data: OpportunityCardData, tr: Translator): KnownBlock[] {
  const tasks = data.tasks ?? { tasks: [], total: 0, today: '' };
  const blocks = taskCardBlocks(tr, tasks);
  if (!isOpen(data.opportunity.status)) return blocks;
  const add: Button = {
    type: 'button',
    text: plain(tr.t('card.button.addTask'), SLACK.buttonText),
    action_id: ids.task.actions.addForOpportunity,
    value: data.opportunity.id,
  };
  const first = blocks[0];
  if (first?.type === 'section') return [{ ...first, accessory: add }, ...blocks.slice(1)];
  return [{ type: 'section', text: mrkdwn(`*${tr.t('opp.card.tasksNone')}*`), accessory: add }];
}

export function opportunityCard(data: OpportunityCardData, tr: Translator): { text: string; blocks: KnownBlock[] } {
  const o = data.opportunity;
  return {
    text: `${truncate(o.description, DESCRIPTION_MAX)} (${o.no}) · ${o.contactName} · ${tr.amount(o.estimatedValue, o.currency)}`,
    blocks: cardBlocks(data, tr),
  };
}

export function opportunityCardModal(data: OpportunityCardData, tr: Translator): ModalView {
  return {
    type: 'modal',
    callback_id: ids.opportunity.views.card,
    private_metadata: data.opportunity.id,
    title: plain(tr.t('opp.card.title'), SLACK.modalTitle),
    close: plain(tr.t('card.modal.close'), SLACK.modalTitle),
    blocks: cardBlocks(data, tr),
  };
}

/**
 * A contact card's "Opportunities (2)" section: each open deal with stage, value and closing date, and a button
 * that opens its card.
 */
export function contactOpportunitiesBlocks(
  opportunities: OpportunitySummary[],
  cycles: SalesCycle[],
  tr: Translator,
  shown = 5,
): KnownBlock[] {
  if (opportunities.length === 0) return [];
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(`*${tr.t('opp.contact.heading', { count: opportunities.length })}*`) },
  ];
  for (const o of opportunities.slice(0, shown)) {
    const cycle = cycles.find((c) => c.code === o.cycleCode);
    const closing = o.closingDate ? ` · ${tr.t('opp.contact.closing', { date: tr.date(o.closingDate) })}` : '';
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `*${escapeMrkdwn(truncate(o.description, 80))}* (${o.no}) · ${escapeMrkdwn(stageName(cycle, o.stageNo, tr))} · ${tr.amount(o.estimatedValue, o.currency)}${closing}`,
      ),
      accessory: {
        type: 'button',
        text: plain(tr.t('opp.contact.open'), SLACK.buttonText),
        action_id: ids.opportunity.actions.view,
        value: o.id,
      },
    });
  }
  if (opportunities.length > shown)
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`_${tr.t('opp.contact.more', { count: opportunities.length - shown })}_`)],
    });
  return blocks;
}
