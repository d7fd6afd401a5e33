import { t } from '../../i18n';
import { visitPageValue } from '../../schemas/button-values';
import { getContact } from '../../services/contacts/contact.service';
import { rolesOf } from '../../services/people/permissions.service';
import { contactVisits } from '../../services/visits/visit-report.service';
import { cancelVisit, getVisit, mayChangeVisit } from '../../services/visits/visit.service';
import { noticeModal } from '../../views/notice.modal';
import { visitHistoryModal } from '../../views/visit/visit-history.view';
import { buildLogVisitModal } from '../shared/log-visit-modal';
import { guarded, openOrPush, sourceView, tell, workspaceIdOf, type ButtonArgs } from '../frame';
import { refreshHomes } from '../shared/home';

const HISTORY_PAGE = 10;

/** "Log visit" on a contact card: the modal with that contact picked. */
export async function logVisitForContact(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening the log-visit modal', async () => {
    const workspaceId = workspaceIdOf(args);
    const contact = await getContact(workspaceId, args.action.value);
    if (!contact) return tell(args, t('contact.error.gone'));
    if (contact.privacyBlocked) return tell(args, t('visit.error.privacyBlocked', { name: contact.name }));
    await openOrPush(
      args,
      await buildLogVisitModal(args.client, {
        workspaceId,
        userId: args.body.user.id,
        contact,
        message: { channelId: args.body.channel?.id },
      }),
    );
  });
}

/** Edit one's own visit. */
export async function editVisit(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening a visit for editing', async () => {
    const workspaceId = workspaceIdOf(args);
    const visit = await getVisit(workspaceId, args.action.value);
    if (!visit || visit.status === 'cancelled') return tell(args, t('visit.error.gone'));
    if (!mayChangeVisit(visit, args.body.user.id, false, 'edit')) return tell(args, t('visit.error.notYours'));
    await openOrPush(args, await buildLogVisitModal(args.client, { workspaceId, userId: args.body.user.id, visit }));
  });
}

/** Cancel a visit (own, or any for admins): kept and marked, out of the totals. */
export async function cancelVisitAction(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Cancelling a visit', async () => {
    const workspaceId = workspaceIdOf(args);
    const userId = args.body.user.id;
    const visit = await getVisit(workspaceId, args.action.value);
    if (!visit) return tell(args, t('visit.error.gone'));
    const { isAdmin } = await rolesOf(args.client, workspaceId, userId);
    if (!mayChangeVisit(visit, userId, isAdmin, 'cancel')) return tell(args, t('visit.error.cancelNotYours'));
    await cancelVisit(workspaceId, visit.id, userId);
    refreshHomes(args, [userId, visit.salespersonId], { team: true });
    await tell(args, t('visit.cancelled', { name: visit.contactName, date: visit.date }));
  });
}

async function historyView(args: ButtonArgs, contactId: unknown, page: number) {
  const workspaceId = workspaceIdOf(args);
  const contact = await getContact(workspaceId, contactId);
  if (!contact) return undefined;
  const [{ visits, total }, roles] = await Promise.all([
    contactVisits(workspaceId, contact.id, { skip: page * HISTORY_PAGE, limit: HISTORY_PAGE }),
    rolesOf(args.client, workspaceId, args.body.user.id),
  ]);
  return visitHistoryModal({
    contactName: contact.name,
    visits,
    total,
    page,
    pageSize: HISTORY_PAGE,
    contactId: contact.id,
    viewerId: args.body.user.id,
    canCancelAll: roles.isAdmin,
  });
}

/** "Show all" under a card's last visits: every visit, a page at a time. */
export async function showAllVisits(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening visit history', async () => {
    const view = await historyView(args, args.action.value, 0);
    if (!view) return tell(args, t('contact.error.gone'));
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
      view: view ?? noticeModal({ title: 'Kontakt', text: t('contact.error.gone') }),
    });
  });
}
