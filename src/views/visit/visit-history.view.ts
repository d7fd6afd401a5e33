import type { ActionsBlock, KnownBlock, ModalView, PlainTextOption, SectionBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { visitCancelValue, visitMenuValue, visitPageValue, type VisitMenuVerb } from '../../schemas/button-values';
import type { Visit, VisitTotals } from '../../services/visits/visit.types';
import { menuElement } from '../contact/contact-card.view';
import { mrkdwn, plain, SLACK, truncate } from '../contact/text';
import { countsText, visitLine } from './visit-format';
import { visitDateLabel } from './visit-date';

/** The contact card shows the newest few; "Show all" pages through the rest. */
const CARD_VISITS = 5;
/** Each visit takes one block (two while its Cancel is asked): 20 of them and the page furniture stay below 100. */
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
  /** Ask "Cancel this visit?" under this visit's line, with Cancel visit / Keep it. */
  confirmCancel?: string;
}

interface Permissions {
  viewerId: string;
  canCancelAll: boolean;
}

/** View for everyone; Edit for the salesperson; Cancel for the salesperson and admins; nothing changes a cancelled one. */
function visitMenu(visit: Visit, who: Permissions, contactId: string, tr: Translator) {
  const option = (text: string, verb: VisitMenuVerb): PlainTextOption => ({
    text: plain(text, SLACK.optionText),
    value: visitMenuValue.encode(verb, visit.id, contactId),
  });
  const options = [option(tr.t('visits.menu.view'), 'view')];
  if (visit.status !== 'cancelled') {
    const own = visit.salespersonId === who.viewerId;
    if (own) options.push(option(tr.t('visits.menu.edit'), 'edit'));
    if (own || who.canCancelAll) options.push(option(tr.t('visits.menu.cancel'), 'cancel'));
  }
  return menuElement(ids.actions.visitMenu, options);
}

/** "Cancel this visit? …" with Cancel visit and Keep it, asked in place under the visit's line. */
function cancelQuestion(visit: Visit, contactId: string, tr: Translator): KnownBlock[] {
  const text = tr.t('visits.cancelConfirm.text', {
    date: visitDateLabel(visit.date, tr),
    contact: truncate(visit.contactName, 80),
  });
  return [
    { type: 'section', text: mrkdwn(`:warning: *${tr.t('visits.cancelConfirm.title')}* ${text}`) },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain(tr.t('visits.cancelConfirm.confirm'), SLACK.buttonText),
          action_id: ids.actions.cancelVisit,
          value: visitCancelValue.encode(visit.id, contactId),
          style: 'danger',
        },
        {
          type: 'button',
          text: plain(tr.t('visits.cancelConfirm.deny'), SLACK.buttonText),
          action_id: ids.actions.contactCardBack,
          value: contactId,
        },
      ],
    } satisfies ActionsBlock,
  ];
}

/** A visit's line (its date as the reader writes dates) with its ⋯ menu; the question when Cancel was chosen. */
function visitBlocks(
  visit: Visit,
  who: Permissions,
  context: { contactId: string; nameOthers: boolean; confirmCancel?: string },
  tr: Translator,
): KnownBlock[] {
  const text = visitLine(tr, visit, {
    showDate: false,
    showContact: context.nameOthers ? { unlessContactId: context.contactId } : 'never',
  });
  const date = visitDateLabel(visit.date, tr);
  // A cancelled line is struck through as a whole, its date included.
  const dated = text.startsWith('~') ? `~${date} · ${text.slice(1)}` : `${date} · ${text}`;
  const line: SectionBlock = { type: 'section', text: mrkdwn(dated) };
  const menu = visitMenu(visit, who, context.contactId, tr);
  if (menu) line.accessory = menu;
  if (context.confirmCancel === visit.id && visit.status !== 'cancelled')
    return [line, ...cancelQuestion(visit, context.contactId, tr)];
  return [line];
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
export function visitHistoryBlocks(args: VisitHistoryArgs, tr: Translator): KnownBlock[] {
  const shown = args.visits.slice(0, CARD_VISITS);
  const title = tr.t(args.includesPersons ? 'visits.card.titleWithPersons' : 'visits.card.title');
  const last = lastDate(shown);
  let headline: string;
  if (args.totals.visits === 0 && shown.length === 0) headline = `*${title}*\n${tr.t('visits.card.none')}`;
  else {
    const parts = [countsText(tr, args.totals)];
    if (last) parts.push(tr.t('visits.last', { date: visitDateLabel(last, tr) }));
    headline = `*${title}* · ${parts.join(' · ')}`;
  }
  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(headline) }];
  const who = { viewerId: args.viewerId, canCancelAll: args.canCancelAll };
  const context = { contactId: args.contactId, nameOthers: args.includesPersons, confirmCancel: args.confirmCancel };
  for (const visit of shown) blocks.push(...visitBlocks(visit, who, context, tr));
  if (args.total > shown.length) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain(tr.t('visits.card.showAll', { count: args.total }), SLACK.buttonText),
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
  /** Ask "Cancel this visit?" under this visit's line. */
  confirmCancel?: string;
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
export function visitHistoryModal(args: VisitHistoryModalArgs, tr: Translator): ModalView {
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, whole(args.pageSize, 10)));
  const page = Math.max(0, whole(args.page, 0));
  const shown = args.visits.slice(0, size);
  const total = Math.max(whole(args.total, 0), page * size + shown.length);
  const who = { viewerId: args.viewerId, canCancelAll: args.canCancelAll };
  const name = truncate(args.contactName.trim(), NAME_MAX);

  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(tr.t('visits.history.header', { name }), SLACK.headerText) },
  ];
  if (shown.length === 0) blocks.push({ type: 'section', text: mrkdwn(tr.t('visits.history.none')) });
  else {
    blocks.push({
      type: 'context',
      elements: [
        mrkdwn(tr.t('visits.history.range', { from: page * size + 1, to: page * size + shown.length, count: total })),
      ],
    });
    // A company's history holds its persons' visits too: name the contact whenever it is not this one.
    const context = { contactId: args.contactId, nameOthers: true, confirmCancel: args.confirmCancel };
    for (const visit of shown) blocks.push(...visitBlocks(visit, who, context, tr));
  }
  if (page > 0) blocks.push(pageButton(args.contactId, page - 1, tr.t('visits.history.previous')));
  if ((page + 1) * size < total) blocks.push(pageButton(args.contactId, page + 1, tr.t('visits.history.next')));

  return {
    type: 'modal',
    callback_id: ids.views.visitHistoryModal,
    title: plain(tr.t('visits.history.title'), SLACK.modalTitle),
    close: plain(tr.t('visits.history.close'), SLACK.modalTitle),
    // The contact and the page, so the page can be drawn again in place after a Cancel.
    private_metadata: visitPageValue.encode(args.contactId, page).slice(0, SLACK.privateMetadata),
    blocks: blocks.slice(0, SLACK.viewBlocks),
  };
}
