import type { WebClient } from '@slack/web-api';
import {
  abandonStaleDigests,
  claimDueDigest,
  DIGEST_RETRY_FIRST_MS,
  markDigestFailed,
  markDigestSent,
  nextDigestAttempt,
  queueWeeklyDigests,
} from '../services/digest/digest-delivery.service';
import { translatorForRecipient } from '../services/language/language.service';
import { addDays } from '../services/calendar';
import { firstTimeContacts, highlightVisits, teamWeek } from '../services/visits/visit-report.service';
import type { DateRange } from '../services/visits/visit.types';
import { digestMessage, type DigestArgs } from '../views/visit/digest.message';
import { digestTaskRows } from '../services/tasks/task-digest.service';
import { openTasksDueIn } from '../services/tasks/task.service';
import { DIGEST_NEXT_WEEK } from '../views/task/task-digest';
import { dealsOfWeek } from '../services/opportunities/pipeline.service';
import { getWorkspaceSetup } from '../services/setup/setup.service';

export interface DigestRun {
  sent: number;
  failed: number;
  /** Pending longer than a week, given up. */
  abandoned: number;
  /** When a failed digest is next due (the scheduler's retry runs then); undefined: nothing is pending. */
  retryAt?: Date;
}

/** What a week's digest says, read once per week and written out in each recipient's language. */
async function digestData(workspaceId: string, range: DateRange): Promise<DigestArgs> {
  const nextWeek = { from: addDays(range.to, 1), to: addDays(range.to, 7) };
  const timeZone = (await getWorkspaceSetup(workspaceId)).digest.timeZone ?? 'UTC';
  const [{ totals, salespeopleWithoutVisits: idle }, firstTime, highlights, tasksNextWeek, tasks, deals] =
    await Promise.all([
      teamWeek(workspaceId, range),
      firstTimeContacts(workspaceId, range),
      highlightVisits(workspaceId, range),
      openTasksDueIn(workspaceId, nextWeek, DIGEST_NEXT_WEEK),
      digestTaskRows(workspaceId, range),
      dealsOfWeek(workspaceId, range, timeZone),
    ]);
  return {
    range,
    totals,
    firstTimeContacts: firstTime,
    salespeopleWithoutVisits: idle,
    highlights,
    tasksNextWeek,
    tasks,
    deals,
  };
}

/**
 * Posts every digest of the workspace that is due: this week's, and earlier failures whose backoff has run out.
 * Each is claimed first, so another run (a retry, a restart, another instance) does not post it too; a post that
 * fails leaves it pending with its next attempt later. The Slack client is asked for only when something is due.
 */
export async function deliverDueDigests(
  clientFor: () => Promise<WebClient>,
  workspaceId: string,
  now: Date,
): Promise<DigestRun> {
  const run: DigestRun = { sent: 0, failed: 0, abandoned: await abandonStaleDigests(workspaceId, now) };
  const weeks = new Map<string, DigestArgs>();
  let client: Promise<WebClient> | undefined;
  for (let due = await claimDueDigest(workspaceId, now); due; due = await claimDueDigest(workspaceId, now)) {
    try {
      const data = weeks.get(due.week) ?? (await digestData(workspaceId, due.range));
      weeks.set(due.week, data);
      // A DM: in the manager's own language (their choice, else the workspace's).
      const tr = await translatorForRecipient(workspaceId, { userId: due.managerId });
      const message = digestMessage(tr, data);
      await (await (client ??= clientFor())).chat.postMessage({ channel: due.managerId, ...message });
      await markDigestSent(due, now);
      run.sent += 1;
    } catch (error) {
      const slackError = (error as { data?: { error?: unknown } }).data?.error;
      await markDigestFailed(due, typeof slackError === 'string' ? slackError : (error as Error).message, now);
      run.failed += 1;
    }
  }
  const next = await nextDigestAttempt(workspaceId);
  // Due already yet not claimed here: another instance is posting it; look again in a minute, not in a loop.
  run.retryAt = next && next <= now ? new Date(now.getTime() + DIGEST_RETRY_FIRST_MS) : next;
  return run;
}

/** The weekly job: queues this week's digest for each manager (at most one per manager and week), then posts. */
export async function sendWeeklyDigest(
  clientFor: () => Promise<WebClient>,
  workspaceId: string,
  now: Date,
): Promise<DigestRun> {
  await queueWeeklyDigests(workspaceId, now);
  return deliverDueDigests(clientFor, workspaceId, now);
}
