import { visitOpportunityOf } from '../../services/opportunities/opportunity.service';
import { ids } from '../../ids';
import { StateReader } from '../../schemas/view-state';
import { parseVisitModal, visitErrorsToBlockErrors } from '../../schemas/visit-modal';
import { decodeMetadata, visitModalMetadataSchema } from '../../schemas/view-metadata';
import { todayIn } from '../../services/calendar';
import { getUserProfile } from '../../services/people/user-directory';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { logVisit, updateVisit } from '../../services/visits/visit.service';
import type { Visit } from '../../services/visits/visit.types';
import { notifyUser } from '../../slack/notify';
import { visitSavedMessage } from '../../views/visit/visit-saved.message';
import { errorsAck, guardedSubmit, kontaktOf, trOf, type ViewArgs } from '../frame';
import { redrawCardFromHandle } from '../shared/contact-card';
import { refreshHomes } from '../shared/home';
import { followUpTaskOf, saveFollowUpTask, type FollowUpTaskResult } from '../shared/follow-up-task';

const contactBlock = ids.visitField.contact;

/**
 * Submit of the log-visit modal: validated inline; stored once however often Slack delivers it (the key is the
 * view's id); then the confirmation and, when a follow-up date was set, the reminder job.
 */
export function submitLogVisit(args: ViewArgs): Promise<void> {
  const { body, view, client } = args;
  return guardedSubmit(args, 'Logging a visit', contactBlock, async () => {
    const userId = body.user.id;
    const metadata = decodeMetadata(visitModalMetadataSchema, view.private_metadata);
    if (!metadata || (metadata.mode === 'edit' && !metadata.visitId)) {
      return errorsAck({ [contactBlock]: trOf(args).t('visit.error.formExpired') });
    }
    const { workspaceId } = kontaktOf(args.context);
    const [setup, profile] = await Promise.all([
      getWorkspaceSetup(workspaceId),
      getUserProfile(client, workspaceId, userId),
    ]);
    const parsed = parseVisitModal(view.state.values, {
      types: setup.interactionTypes,
      today: todayIn(profile.tz),
      tr: trOf(args),
    });
    // The follow-up task's own checks (its assignee as Slack knows them, its due date) in the same round.
    const followUp = metadata.mode === 'create' ? await followUpTaskOf(args, todayIn(profile.tz)) : undefined;
    const followUpErrors = followUp && 'errors' in followUp ? followUp.errors : {};
    if (!parsed.ok) return errorsAck({ ...parsed.errors, ...followUpErrors });
    const opportunityBlock = ids.opportunity.blocks.visitOpportunity;
    const opportunity = await visitOpportunityOf(
      workspaceId,
      new StateReader(view.state.values, opportunityBlock).single(opportunityBlock),
      parsed.input.contactId,
    );
    const laterErrors: Record<string, string> = { ...followUpErrors };
    if (opportunity === false) laterErrors[opportunityBlock] = trOf(args).t('opp.error.visitOpportunity');
    if (Object.keys(laterErrors).length > 0) return errorsAck(laterErrors);
    const result =
      metadata.mode === 'edit'
        ? await updateVisit({
            workspaceId,
            userId,
            visitId: metadata.visitId as string,
            input: parsed.input,
            tr: trOf(args),
          })
        : await logVisit({
            workspaceId,
            userId,
            input: parsed.input,
            setup,
            idempotencyKey: `view:${view.id}`,
            tr: trOf(args),
            ...(opportunity ? { opportunityId: opportunity } : {}),
            source: { channelId: metadata.channelId, messageTs: metadata.messageTs, permalink: metadata.permalink },
          });
    if (result.status === 'invalid') return errorsAck(visitErrorsToBlockErrors(result.errors));
    // The follow-up becomes a task (once: its key is the visit's), also on a repeated delivery that finds the visit
    // stored but its task not yet.
    const task: FollowUpTaskResult = await saveFollowUpTask(args, result.visit, {
      followUp: followUp && 'task' in followUp ? followUp.task : undefined,
      edited: metadata.mode === 'edit',
    });
    // A repeated delivery of the same submission is answered, but only the first confirms and schedules (or the
    // retry that finished what a failed first one left undone: that user saw an error, not a confirmation).
    if (metadata.mode === 'create' && !result.created && !result.completed) {
      return task.created ? { after: () => task.after() } : {};
    }
    return {
      after: async () => {
        await task.after();
        // The card the visit was logged or edited from shows it in place.
        await redrawCardFromHandle(client, workspaceId, userId, metadata.card, trOf(args)).catch((error: Error) =>
          args.logger.warn(`Redrawing a contact card after a visit failed: ${error.message}`),
        );
        await afterSave(args, result.visit, metadata.channelId);
      },
    };
  });
}

async function afterSave(args: ViewArgs, visit: Visit, channelId: string | undefined) {
  const { client, logger } = args;
  const userId = args.body.user.id;
  // The actor's and the salesperson's "Your week", and the managers' team figures, now show this visit.
  refreshHomes(args, [userId, visit.salespersonId], { team: true });
  try {
    await notifyUser(
      client,
      logger,
      { userId, channelId },
      visitSavedMessage(trOf(args), {
        visit,
        contactLinkButton: Boolean(visit.contactId),
        permalink: visit.source.permalink,
      }),
    );
  } catch (error) {
    logger.warn(`Visit saved, but the confirmation could not be sent: ${(error as Error).message}`);
  }
  // A follow-up is a task now (reminded as a task): a reminder this visit had from before tasks is taken back.
  await kontaktOf(args.context)
    .scheduler.cancelFollowUp({ workspaceId: visit.workspaceId, visitId: visit.id })
    .catch((error: Error) => logger.warn(`Taking back a visit follow-up reminder failed: ${error.message}`));
}
