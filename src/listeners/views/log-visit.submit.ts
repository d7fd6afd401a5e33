import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { ids } from '../../ids';
import { t } from '../../i18n';
import { schedulerOf } from '../../jobs/context';
import type { Scheduler } from '../../jobs/scheduler';
import { parseVisitModal, visitErrorsToBlockErrors } from '../../schemas/visit-modal';
import { decodeMetadata, visitModalMetadataSchema } from '../../schemas/view-metadata';
import { getUserProfile } from '../../services/people/user-directory';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { todayIn, zonedTime } from '../../services/time';
import { logVisit, updateVisit, type LogVisitResult } from '../../services/visits/visit.service';
import type { Visit } from '../../services/visits/visit.types';
import { workspaceOf } from '../../services/workspace';
import { notifyUser } from '../../slack/notify';
import { visitSavedMessage } from '../../views/visit/visit-saved.message';
import type { ViewArgs } from './contact-modal.submit';

const contactBlock = ids.visitField.contact;

/**
 * Submit of the log-visit modal: validated inline; stored once however often Slack delivers it (the key is the
 * view's id); then the confirmation and, when a follow-up date was set, the reminder job.
 */
export async function submitLogVisit({ ack, body, view, client, context, logger }: ViewArgs): Promise<void> {
  const userId = body.user.id;
  const metadata = decodeMetadata(visitModalMetadataSchema, view.private_metadata);
  if (!metadata || (metadata.mode === 'edit' && !metadata.visitId)) {
    return void (await ack({ response_action: 'errors', errors: { [contactBlock]: t('visit.error.formExpired') } }));
  }
  let result: LogVisitResult;
  let workspaceId: string;
  let timeZone: string;
  try {
    workspaceId = workspaceOf(context);
    const [setup, profile] = await Promise.all([
      getWorkspaceSetup(workspaceId),
      getUserProfile(client, workspaceId, userId),
    ]);
    timeZone = profile.tz;
    const parsed = parseVisitModal(view.state.values, { types: setup.interactionTypes, today: todayIn(timeZone) });
    if (!parsed.ok) return void (await ack({ response_action: 'errors', errors: parsed.errors }));
    result =
      metadata.mode === 'edit'
        ? await updateVisit({ workspaceId, userId, visitId: metadata.visitId as string, input: parsed.input })
        : await logVisit({
            workspaceId,
            userId,
            input: parsed.input,
            setup,
            idempotencyKey: `view:${view.id}`,
            source: { channelId: metadata.channelId, messageTs: metadata.messageTs, permalink: metadata.permalink },
          });
  } catch (error) {
    logger.error(`Logging a visit failed: ${(error as Error).message}`);
    return void (await ack({ response_action: 'errors', errors: { [contactBlock]: t('error.tryAgain') } }));
  }
  if (result.status === 'invalid')
    return void (await ack({ response_action: 'errors', errors: visitErrorsToBlockErrors(result.errors) }));
  await ack();
  // A repeated delivery of the same submission was answered above; only the first confirms and schedules (or the
  // retry that finished what a failed first one left undone: that user saw an error, not a confirmation).
  if (metadata.mode === 'create' && !result.created && !result.completed) return;
  await afterSave({
    client,
    logger,
    scheduler: schedulerOf(context),
    userId,
    visit: result.visit,
    channelId: metadata.channelId,
    timeZone,
  });
}

async function afterSave(args: {
  client: WebClient;
  logger: Logger;
  scheduler: Scheduler;
  userId: string;
  visit: Visit;
  channelId?: string;
  timeZone: string;
}) {
  const { visit } = args;
  try {
    await notifyUser(
      args.client,
      args.logger,
      { userId: args.userId, channelId: args.channelId },
      visitSavedMessage({ visit, contactLinkButton: Boolean(visit.contactId), permalink: visit.source.permalink }),
    );
  } catch (error) {
    args.logger.warn(`Visit saved, but the confirmation could not be sent: ${(error as Error).message}`);
  }
  if (visit.followUpDate) {
    // 09:00 on the day, in the salesperson's zone; a day already past 09:00 reminds at once.
    const runAt = new Date(Math.max(Date.now(), zonedTime(visit.followUpDate, '09:00', args.timeZone).getTime()));
    await args.scheduler
      .scheduleFollowUp({ workspaceId: visit.workspaceId, visitId: visit.id, userId: args.userId, runAt })
      .catch((error: Error) => args.logger.error(`Scheduling a follow-up reminder failed: ${error.message}`));
  }
}
