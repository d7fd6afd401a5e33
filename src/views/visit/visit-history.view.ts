import type { ActionsBlock, Button, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { t } from '../../i18n';
import { ids } from '../../ids';
import { visitPageValue } from '../../schemas/button-values';
import type { Visit, VisitTotals } from '../../services/visits/visit.types';
import { mrkdwn, plain, SLACK, truncate } from '../contact/text';
import { countsText, visitLine } from './visit-format';

/** The contact card shows the newest few; "Show all" pages through the rest. */
export const CARD_VISITS = 5;
/** Each visit takes at most two blocks (line + buttons): 20 of them and the page furniture stay far below 100. */
const MAX_PAGE_SIZE = 20;
const NAME_MAX = 120;

export interface VisitHistoryArgs {
  visits: Visit[];
  total: number;
  totals: VisitTotals;
  contactId: string;
  /** A company's card: its persons' visits are included and named. */
  includesPersons: boolean;
  viewerId: string;
  canCancelAll: boolean;
}

interface Permissions {
  viewerId: string;
  canCancelAll: boolean;
}

function visitButtons(visit: Visit, who: Permissions): Button[] {
  if (visit.status === 'cancelled') return [];
  const own = visit.salespersonId === who.viewerId;
  const buttons: Button[] = [];
  if (own)
    buttons.push({
      type: 'button',
      text: plain(t('visits.button.edit'), SLACK.buttonText),
      action_id: ids.actions.editVisit,
      value: visit.id,
    });
  if (own || who.canCancelAll) {
    buttons.push({
      type: 'button',
      text: plain(t('visits.button.cancel'), SLACK.buttonText),
      action_id: ids.actions.cancelVisit,
      value: visit.id,
      confirm: {
        title: plain(t('visits.cancelConfirm.title'), SLACK.confirmTitle),
        text: plain(
          t('visits.cancelConfirm.text', { date: visit.date, contact: truncate(visit.contactName, 80) }),
          SLACK.confirmText,
        ),
        confirm: plain(t('visits.cancelConfirm.confirm'), SLACK.confirmButton),
        deny: plain(t('visits.cancelConfirm.deny'), SLACK.confirmButton),
        style: 'danger',
      },
    });
  }
  return buttons;
}

/** A visit's line, then its Edit / Cancel buttons when the viewer may use them. */
function visitBlocks(visit: Visit, who: Permissions, unlessContactId: string | undefined): KnownBlock[] {
  const line: SectionBlock = {
    type: 'section',
    text: mrkdwn(
      visitLine(visit, { showDate: true, showContact: unlessContactId === undefined ? 'never' : { unlessContactId } }),
    ),
  };
  const buttons = visitButtons(visit, who);
  return buttons.length > 0 ? [line, { type: 'actions', elements: buttons } satisfies ActionsBlock] : [line];
}

/** The date of the newest visit that happened (failed attempts and cancelled visits left out), as NAV counts it. */
function lastDate(visits: Visit[]): string | undefined {
  return visits
    .filter((visit) => visit.status !== 'cancelled' && !visit.attemptFailed)
    .map((visit) => visit.date)
    .sort()
    .at(-1);
}

/**
 * The visits part of a contact card: a headline with the totals, the newest five visits with Edit / Cancel where
 * allowed, and "Show all" when there are more. At most 13 blocks.
 */
export function visitHistoryBlocks(args: VisitHistoryArgs): KnownBlock[] {
  const shown = args.visits.slice(0, CARD_VISITS);
  const title = t(args.includesPersons ? 'visits.card.titleWithPersons' : 'visits.card.title');
  const last = lastDate(shown);
  let headline: string;
  if (args.totals.visits === 0 && shown.length === 0) headline = `*${title}*\n${t('visits.card.none')}`;
  else {
    const parts = [countsText(args.totals)];
    if (last) parts.push(t('visits.last', { date: last }));
    headline = `*${title}* · ${parts.join(' · ')}`;
  }
  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(headline) }];
  const who = { viewerId: args.viewerId, canCancelAll: args.canCancelAll };
  for (const visit of shown) blocks.push(...visitBlocks(visit, who, args.includesPersons ? args.contactId : undefined));
  if (args.total > shown.length) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain(t('visits.card.showAll', { count: args.total }), SLACK.buttonText),
          action_id: ids.actions.visitShowAll,
          value: args.contactId,
        },
      ],
    });
  }
  return blocks;
}

export interface VisitHistoryModalArgs {
  contactName: string;
  /** This page's visits, newest first. */
  visits: Visit[];
  total: number;
  /** 0-based. */
  page: number;
  pageSize: number;
  contactId: string;
  viewerId: string;
  canCancelAll: boolean;
}

/** Previous and Next share an action id, and Slack wants action ids unique per block: one block each. */
function pageButton(contactId: string, page: number, label: string): ActionsBlock {
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        text: plain(label, SLACK.buttonText),
        action_id: ids.actions.visitPage,
        value: visitPageValue.encode(contactId, page),
      },
    ],
  };
}

const whole = (value: number, fallback: number) => (Number.isFinite(value) ? Math.floor(value) : fallback);

/** All visits of a contact, a page at a time, with Previous / Next (ids.actions.visitPage). */
export function visitHistoryModal(args: VisitHistoryModalArgs): ModalView {
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, whole(args.pageSize, 10)));
  const page = Math.max(0, whole(args.page, 0));
  const shown = args.visits.slice(0, size);
  const total = Math.max(whole(args.total, 0), page * size + shown.length);
  const who = { viewerId: args.viewerId, canCancelAll: args.canCancelAll };
  const name = truncate(args.contactName.trim(), NAME_MAX);

  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(t('visits.history.header', { name }), SLACK.headerText) },
  ];
  if (shown.length === 0) blocks.push({ type: 'section', text: mrkdwn(t('visits.history.none')) });
  else {
    blocks.push({
      type: 'context',
      elements: [
        mrkdwn(t('visits.history.range', { from: page * size + 1, to: page * size + shown.length, count: total })),
      ],
    });
    // A company's history holds its persons' visits too: name the contact whenever it is not this one.
    for (const visit of shown) blocks.push(...visitBlocks(visit, who, args.contactId));
  }
  if (page > 0) blocks.push(pageButton(args.contactId, page - 1, t('visits.history.previous')));
  if ((page + 1) * size < total) blocks.push(pageButton(args.contactId, page + 1, t('visits.history.next')));

  return {
    type: 'modal',
    callback_id: ids.views.visitHistoryModal,
    title: plain(t('visits.history.title'), SLACK.modalTitle),
    close: plain(t('visits.history.close'), SLACK.modalTitle),
    private_metadata: args.contactId.slice(0, SLACK.privateMetadata),
    blocks: blocks.slice(0, SLACK.viewBlocks),
  };
}
