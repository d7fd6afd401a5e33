import type { WebClient } from '@slack/web-api';
import { getVisit } from '../services/visits/visit.service';
import { followUpReminderMessage } from '../views/reminder/follow-up.message';

/** The follow-up DM; nothing when the visit was cancelled or deleted since. */
export async function sendFollowUpReminder(
  client: WebClient,
  data: { workspaceId: string; visitId: string; userId: string },
): Promise<boolean> {
  const visit = await getVisit(data.workspaceId, data.visitId);
  if (!visit || visit.status === 'cancelled' || !visit.followUpDate) return false;
  await client.chat.postMessage({ channel: data.userId, ...followUpReminderMessage({ visit }) });
  return true;
}
