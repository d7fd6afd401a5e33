import type { WebClient } from '@slack/web-api';
import { translatorForRecipient } from '../services/language/language.service';
import { getVisit } from '../services/visits/visit.service';
import { followUpReminderMessage } from '../views/reminder/follow-up.message';

/** The follow-up DM; nothing when the visit was cancelled or deleted since. */
export async function sendFollowUpReminder(
  client: WebClient,
  data: { workspaceId: string; visitId: string; userId: string },
): Promise<boolean> {
  const visit = await getVisit(data.workspaceId, data.visitId);
  if (!visit || visit.status === 'cancelled' || !visit.followUpDate || visit.followUpDoneAt) return false;
  // A DM: in the recipient's language.
  const tr = await translatorForRecipient(data.workspaceId, { userId: data.userId });
  await client.chat.postMessage({ channel: data.userId, ...followUpReminderMessage({ tr, visit }) });
  return true;
}
