import type { WebClient } from '@slack/web-api';
import { translatorForRecipient } from '../services/language/language.service';
import { taskOfVisit } from '../services/tasks/task.service';
import { getVisit } from '../services/visits/visit.service';
import { followUpReminderMessage } from '../views/reminder/follow-up.message';

/** The follow-up DM of a visit from before tasks; nothing when the visit was cancelled or deleted since. */
export async function sendFollowUpReminder(
  client: WebClient,
  data: { workspaceId: string; visitId: string; userId: string },
): Promise<boolean> {
  const visit = await getVisit(data.workspaceId, data.visitId);
  if (!visit || visit.status === 'cancelled' || !visit.followUpDate || visit.followUpDoneAt) return false;
  // A follow-up that became a task is reminded as a task (task-reminder.job.ts): never twice.
  if (await taskOfVisit(data.workspaceId, visit.id)) return false;
  // A DM: in the recipient's language.
  const tr = await translatorForRecipient(data.workspaceId, { userId: data.userId });
  await client.chat.postMessage({ channel: data.userId, ...followUpReminderMessage({ tr, visit }) });
  return true;
}
