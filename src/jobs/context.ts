import type { App, Context } from '@slack/bolt';
import type { Scheduler } from './scheduler';

const KEY = 'kontaktScheduler';

/** Global middleware: every listener finds the scheduler in its context. */
export function provideScheduler(app: App, scheduler: Scheduler): void {
  app.use(async ({ context, next }) => {
    context[KEY] = scheduler;
    await next();
  });
}

export function schedulerOf(context: Context): Scheduler {
  const scheduler = context[KEY] as Scheduler | undefined;
  if (!scheduler) throw new Error('No scheduler in the request context');
  return scheduler;
}
