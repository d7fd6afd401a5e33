import type { App, Context } from '@slack/bolt';
import type { Scheduler } from './scheduler';

const SCHEDULER = 'kontaktScheduler';
const RETENTION = 'kontaktRetentionDays';

/** Global middleware: every listener finds the scheduler (and the data-retention period) in its context. */
export function provideScheduler(app: App, scheduler: Scheduler, retentionDays: number): void {
  app.use(async ({ context, next }) => {
    context[SCHEDULER] = scheduler;
    context[RETENTION] = retentionDays;
    await next();
  });
}

export function schedulerOf(context: Context): Scheduler {
  const scheduler = context[SCHEDULER] as Scheduler | undefined;
  if (!scheduler) throw new Error('No scheduler in the request context');
  return scheduler;
}

export function retentionDaysOf(context: Context): number {
  return (context[RETENTION] as number | undefined) ?? 30;
}
