import type { WebClient } from '@slack/web-api';
import { translator } from '../i18n';
import { getVisit } from '../services/visits/visit.service';
import { followUpReminderMessage } from '../views/reminder/follow-up.message';

/** The follow-up DM; nothing when the visit was cancelled or deleted since. */
export async function sendFollowUpReminder(
  client: WebClient,
  data: { workspaceId: string; visitId: string; userId: string },
): Promise<boolean> {
  const visit = await getVisit(data.workspaceId, data.visitId);
  if (!visit || visit.status === 'cancelled' || !visit.followUpDate || visit.followUpDoneAt) return false;
  // The reminder speaks English until the language issue gives each recipient theirs.
  await client.chat.postMessage({ channel: data.userId, ...followUpReminderMessage({ tr: translator('en'), visit }) });
  return true;
}
