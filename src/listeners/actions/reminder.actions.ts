import { getContact } from '../../services/contacts/contact.service';
import { getUserProfile } from '../../services/people/user-directory';
import { FOLLOW_UP_HOUR, snoozedUntil } from '../../services/visits/follow-up';
import { followUpOf, markFollowUpDone } from '../../services/visits/visit.service';
import type { Visit } from '../../services/visits/visit.types';
import { followUpHandledMessage } from '../../views/reminder/follow-up.message';
import { guarded, kontaktOf, tell, trOf, workspaceIdOf, type ButtonArgs } from '../frame';
import { buildLogVisitModal } from '../shared/log-visit-modal';

/**
 * The visit a reminder button names, re-checked: a live visit of this workspace with a follow-up, and the clicking
 * user's. Otherwise the user is told why and undefined comes back.
 */
async function reminderVisit(args: ButtonArgs): Promise<Visit | undefined> {
  const found = await followUpOf(workspaceIdOf(args), args.action.value, args.body.user.id);
  if ('visit' in found) return found.visit;
  await tell(args, trOf(args).t(found.error === 'gone' ? 'reminder.error.gone' : 'reminder.error.notYours'));
  return undefined;
}

/** The reminder message replaced in place: handled, without its buttons. */
async function replaceReminder(args: ButtonArgs, message: { text: string; blocks: unknown[] }): Promise<void> {
  await args.respond({ replace_original: true, ...message } as Parameters<ButtonArgs['respond']>[0]);
}

/** Done: the follow-up is handled; no reminder for it goes out again. */
export const reminderDone = (args: ButtonArgs) =>
  guarded(args, 'Marking a follow-up done', async () => {
    const visit = await reminderVisit(args);
    if (!visit) return;
    await markFollowUpDone(workspaceIdOf(args), visit.id, args.body.user.id);
    await replaceReminder(args, followUpHandledMessage(trOf(args), visit, { done: true }));
  });

/** Snooze (tomorrow): the same reminder again at 09:00 tomorrow, the salesperson's time. */
export const reminderSnooze = (args: ButtonArgs) =>
  guarded(args, 'Snoozing a follow-up', async () => {
    const visit = await reminderVisit(args);
    if (!visit) return;
    const workspaceId = workspaceIdOf(args);
    const userId = args.body.user.id;
    const profile = await getUserProfile(args.client, workspaceId, userId);
    await kontaktOf(args.context).scheduler.scheduleFollowUp({
      workspaceId,
      visitId: visit.id,
      userId,
      runAt: snoozedUntil(profile.tz),
    });
    await replaceReminder(args, followUpHandledMessage(trOf(args), visit, { snoozedTo: FOLLOW_UP_HOUR }));
  });

/** Log follow-up: the Log visit modal for the visit's contact (re-checked: it may be gone or blocked by now). */
export const reminderLogFollowUp = (args: ButtonArgs) =>
  guarded(args, 'Logging a follow-up', async () => {
    const visit = await reminderVisit(args);
    if (!visit) return;
    const workspaceId = workspaceIdOf(args);
    const contact = await getContact(workspaceId, visit.contactId);
    const tr = trOf(args);
    if (!contact) return tell(args, tr.t('contact.error.gone'));
    if (contact.privacyBlocked) return tell(args, tr.t('visit.error.privacyBlocked', { name: contact.name }));
    const view = await buildLogVisitModal(args.client, {
      tr: trOf(args),
      workspaceId,
      userId: args.body.user.id,
      contact,
    });
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  });
