import { ids } from '../../ids';
import { visitCancelValue, visitMenuValue, visitPageValue } from '../../schemas/button-values';
import { getContact } from '../../services/contacts/contact.service';
import { rolesOf } from '../../services/people/permissions.service';
import { contactVisits } from '../../services/visits/visit-report.service';
import { cancelVisit, getVisit, mayChangeVisit } from '../../services/visits/visit.service';
import type { Visit } from '../../services/visits/visit.types';
import { userText } from '../../views/contact/text';
import { noticeModal } from '../../views/notice.modal';
import { visitDateLabel } from '../../views/visit/visit-date';
import { visitDetailModal } from '../../views/visit/visit-detail.modal';
import { visitHistoryModal } from '../../views/visit/visit-history.view';
import type { CardState } from '../shared/contact-card';
import { cardHandleOf } from '../shared/contact-card';
import { buildLogVisitModal } from '../shared/log-visit-modal';
import {
  guarded,
  openOrPush,
  sourceView,
  tell,
  trOf,
  workspaceIdOf,
  type ButtonArgs,
  type OverflowArgs,
} from '../frame';
import { clickedValue, redrawCard } from './contact-card.actions';
import { refreshHomes } from '../shared/home';

const HISTORY_PAGE = 10;

type VisitClick = ButtonArgs | OverflowArgs;

/** "Log visit" on a contact card: the modal with that contact picked; the card shows the visit once saved. */
export async function logVisitForContact(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening the log-visit modal', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const contact = await getContact(workspaceId, args.action.value);
    if (!contact) return tell(args, tr.t('contact.error.gone'));
    if (contact.privacyBlocked) return tell(args, tr.t('visit.error.privacyBlocked', { name: contact.name }));
    await openOrPush(
      args,
      await buildLogVisitModal(args.client, {
        tr: trOf(args),
        workspaceId,
        userId: args.body.user.id,
        contact,
        message: { channelId: args.body.channel?.id },
        card: cardHandleOf(args.body, contact.id),
      }),
    );
  });
}

/** The visit history page a click came from (its contact and page are in the modal's private_metadata). */
function historyPageOf(args: VisitClick): { contactId: string; page: number } | undefined {
  const view = args.body.view;
  if (view?.callback_id !== ids.views.visitHistoryModal) return undefined;
  return visitPageValue.decode(view.private_metadata);
}

async function historyView(args: VisitClick, contactId: unknown, page: number, confirmCancel?: string) {
  const workspaceId = workspaceIdOf(args);
  const contact = await getContact(workspaceId, contactId);
  if (!contact) return undefined;
  const [{ visits, total }, roles] = await Promise.all([
    contactVisits(workspaceId, contact.id, { skip: page * HISTORY_PAGE, limit: HISTORY_PAGE }),
    rolesOf(args.client, workspaceId, args.body.user.id),
  ]);
  return visitHistoryModal(
    {
      contactName: contact.name,
      visits,
      total,
      page,
      pageSize: HISTORY_PAGE,
      contactId: contact.id,
      viewerId: args.body.user.id,
      canCancelAll: roles.isAdmin,
      confirmCancel,
    },
    trOf(args),
  );
}

/** Draws what a visit click came from again, in place: the history page, or the contact card. */
async function redrawVisitSurface(args: VisitClick, contactId: string, state: CardState = {}): Promise<void> {
  const history = historyPageOf(args);
  const view = args.body.view;
  if (history && view) {
    const page = await historyView(args, history.contactId, history.page, state.confirmCancel);
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: page ?? noticeModal({ title: 'Kontakt', text: trOf(args).t('contact.error.gone') }),
    });
    return;
  }
  await redrawCard(args, contactId, state);
}

/** Whether the card's contact (from a payload) is the visit's contact or its company: a forged pair is refused. */
function visitBelongsToCard(visit: Visit, contactId: string): boolean {
  return visit.contactId === contactId || visit.companyId === contactId;
}

/** A visit line's ⋯ menu: View (everyone), Edit (the salesperson), Cancel (the salesperson and admins). */
export async function visitMenu(args: VisitClick): Promise<void> {
  await guarded(args, 'A visit menu entry', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const userId = args.body.user.id;
    const entry = visitMenuValue.decode(clickedValue(args));
    // The visit is looked up in the clicker's workspace: another workspace's id finds nothing.
    const visit = entry && (await getVisit(workspaceId, entry.visitId));
    if (!entry || !visit || !visitBelongsToCard(visit, entry.contactId)) return tell(args, tr.t('visit.error.gone'));
    if (entry.verb === 'view') return openOrPush(args, visitDetailModal(tr, visit, { fromCard: true }));
    if (visit.status === 'cancelled') return tell(args, tr.t('visit.error.gone'));
    if (entry.verb === 'edit') {
      if (!mayChangeVisit(visit, userId, false, 'edit')) return tell(args, tr.t('visit.error.notYours'));
      const card = historyPageOf(args) ? undefined : cardHandleOf(args.body, entry.contactId);
      return openOrPush(
        args,
        await buildLogVisitModal(args.client, { tr: trOf(args), workspaceId, userId, visit, card }),
      );
    }
    const { isAdmin } = await rolesOf(args.client, workspaceId, userId);
    if (!mayChangeVisit(visit, userId, isAdmin, 'cancel')) return tell(args, tr.t('visit.error.cancelNotYours'));
    await redrawVisitSurface(args, entry.contactId, { confirmCancel: visit.id });
  });
}

/** "Keep it" under a question the card (or history page) asked: drawn again as it was. */
export async function cardBack(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Showing a contact card again', () => redrawVisitSurface(args, args.action.value ?? ''));
}

/** Edit on a visit line of a card drawn before the ⋯ menu. */
export async function editVisit(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening a visit for editing', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const visit = await getVisit(workspaceId, args.action.value);
    if (!visit || visit.status === 'cancelled') return tell(args, tr.t('visit.error.gone'));
    if (!mayChangeVisit(visit, args.body.user.id, false, 'edit')) return tell(args, tr.t('visit.error.notYours'));
    await openOrPush(
      args,
      await buildLogVisitModal(args.client, { tr: trOf(args), workspaceId, userId: args.body.user.id, visit }),
    );
  });
}

/**
 * "Cancel visit" under the card's question (own visit, or any for admins): kept and marked, out of the totals,
 * and the card (or history page) drawn again in place. A bare visit id comes from a card drawn before the menu.
 */
export async function cancelVisitAction(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Cancelling a visit', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const userId = args.body.user.id;
    const value = visitCancelValue.decode(args.action.value);
    const visit = value && (await getVisit(workspaceId, value.visitId));
    if (!value || !visit || (value.contactId && !visitBelongsToCard(visit, value.contactId)))
      return tell(args, tr.t('visit.error.gone'));
    const { isAdmin } = await rolesOf(args.client, workspaceId, userId);
    if (!mayChangeVisit(visit, userId, isAdmin, 'cancel')) return tell(args, tr.t('visit.error.cancelNotYours'));
    await cancelVisit(workspaceId, visit.id, userId);
    // The visit leaves "Your week" of the canceller and its salesperson, and the team's totals.
    refreshHomes(args, [userId, visit.salespersonId], { team: true });
    const notice = tr.t('visit.cancelled', {
      name: userText(visit.contactName, 80),
      date: visitDateLabel(visit.date, tr),
    });
    if (!value.contactId) return tell(args, notice);
    await redrawVisitSurface(args, value.contactId, { notice: `:white_check_mark: ${notice}` });
  });
}

/** "Show all" under a card's last visits: every visit, a page at a time. */
export async function showAllVisits(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening visit history', async () => {
    const view = await historyView(args, args.action.value, 0);
    if (!view) return tell(args, trOf(args).t('contact.error.gone'));
    await openOrPush(args, view);
  });
}

/** Previous / Next in the visit history. */
export async function turnVisitPage(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Paging visit history', async () => {
    const value = visitPageValue.decode(args.action.value);
    const current = sourceView(args.body);
    if (!value || !current) return;
    const view = await historyView(args, value.contactId, value.page);
    await args.client.views.update({
      view_id: current.id,
      hash: current.hash,
      view: view ?? noticeModal({ title: 'Kontakt', text: trOf(args).t('contact.error.gone') }),
    });
  });
}
