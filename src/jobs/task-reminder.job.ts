import type { WebClient } from '@slack/web-api';
import { todayIn } from '../services/calendar';
import { getContact } from '../services/contacts/contact.service';
import { translatorForRecipient } from '../services/language/language.service';
import { claimReminder, getTask, releaseReminder } from '../services/tasks/task.service';
import { taskReminderMessage } from '../views/task/task-messages';

/**
 * A task's reminder DM to its assignee, for the due date the job was scheduled for. Nothing when the task is done,
 * cancelled, gone, re-dated since (its new date has its own job) or its contact deleted; nothing twice for one
 * due date (claimReminder). A failed post gives the claim back, so the job's next attempt may send it.
 */
export async function sendTaskReminder(
  client: WebClient,
  data: { workspaceId: string; taskId: string; dueDate: string },
): Promise<boolean> {
  const task = await getTask(data.workspaceId, data.taskId);
  if (!task || task.status !== 'open' || task.dueDate !== data.dueDate) return false;
  if (!(await getContact(data.workspaceId, task.contactId))) return false;
  const claimed = await claimReminder(data.workspaceId, task.id, data.dueDate);
  if (!claimed) return false;
  const tr = await translatorForRecipient(data.workspaceId, { userId: claimed.assigneeId });
  try {
    await client.chat.postMessage({
      channel: claimed.assigneeId,
      ...taskReminderMessage(tr, claimed, { today: todayIn(claimed.timeZone) }),
    });
  } catch (error) {
    await releaseReminder(data.workspaceId, task.id, data.dueDate).catch(() => undefined);
    throw error;
  }
  return true;
}
