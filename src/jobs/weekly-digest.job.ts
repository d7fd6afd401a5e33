import type { WebClient } from '@slack/web-api';
import { isDuplicateKeyError } from '../db/errors';
import { DigestLogModel } from '../models/digest-log.model';
import { getWorkspaceSetup } from '../services/setup/setup.service';
import { isoWeekKey, todayIn, weekOf } from '../services/calendar';
import { firstTimeContacts, salespeopleWithoutVisits, totalsInRange } from '../services/visits/visit-report.service';
import { digestMessage } from '../views/visit/digest.message';

/**
 * Sends each manager the week's digest, once per ISO week: the log row is claimed first, so a second run (a
 * retry, a restart, another instance) finds it taken and sends nothing. Returns how many digests went out.
 */
export async function sendWeeklyDigest(client: WebClient, workspaceId: string, now: Date): Promise<number> {
  const setup = await getWorkspaceSetup(workspaceId);
  const managers = [...new Set(setup.roles.managers.length ? setup.roles.managers : setup.roles.admins)];
  if (!setup.digest.enabled || managers.length === 0) return 0;
  const today = todayIn(setup.digest.timeZone, now);
  const range = weekOf(today);
  const week = isoWeekKey(today);
  const [totals, firstTime, idle] = await Promise.all([
    totalsInRange(workspaceId, range),
    firstTimeContacts(workspaceId, range),
    salespeopleWithoutVisits(workspaceId, range),
  ]);
  const message = digestMessage({ range, totals, firstTimeContacts: firstTime, salespeopleWithoutVisits: idle });
  let sent = 0;
  for (const managerId of managers) {
    try {
      await DigestLogModel.create({ workspaceId, managerId, week, sentAt: now });
    } catch (error) {
      if (isDuplicateKeyError(error)) continue;
      throw error;
    }
    await client.chat.postMessage({ channel: managerId, ...message });
    sent += 1;
  }
  return sent;
}
