import { addDays, todayIn, zonedTime, type DateRange } from '../calendar';
import { getWorkspaceSetup } from '../setup/setup.service';
import { doneTasksByAssignee, openTasksByAssignee } from './task.service';

/**
 * The digest's task figures per salesperson: done within the digest's week (its days in the digest's time zone)
 * and overdue now. Everyone with either; the view leaves out who has neither.
 */
export async function digestTaskRows(
  workspaceId: string,
  range: DateRange,
  now: Date = new Date(),
): Promise<{ userId: string; done: number; overdue: number }[]> {
  const zone = (await getWorkspaceSetup(workspaceId)).digest.timeZone ?? 'UTC';
  const from = zonedTime(range.from, '00:00', zone);
  const to = zonedTime(addDays(range.to, 1), '00:00', zone);
  const [done, open] = await Promise.all([
    doneTasksByAssignee(workspaceId, from, to),
    openTasksByAssignee(workspaceId, todayIn(zone, now)),
  ]);
  const rows = new Map<string, { userId: string; done: number; overdue: number }>();
  for (const row of done) rows.set(row.userId, { userId: row.userId, done: row.done, overdue: 0 });
  for (const row of open) {
    if (row.overdue === 0) continue;
    const known = rows.get(row.userId) ?? { userId: row.userId, done: 0, overdue: 0 };
    rows.set(row.userId, { ...known, overdue: row.overdue });
  }
  return [...rows.values()];
}
