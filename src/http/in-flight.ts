import type { App } from '@slack/bolt';

/**
 * Counts listener runs still in progress. Bolt acks over HTTP before a listener's work is done, so closing the
 * HTTP server alone would not wait for, say, a contact being saved after its modal closed.
 */
export class InFlightTracker {
  private running = 0;
  private waiters: (() => void)[] = [];

  get count(): number {
    return this.running;
  }

  /** Global middleware: wraps every listener run. */
  attach(app: App): void {
    app.use(async ({ next }) => {
      this.running += 1;
      try {
        await next();
      } finally {
        this.running -= 1;
        if (this.running === 0) this.waiters.splice(0).forEach((wake) => wake());
      }
    });
  }

  /** Resolves true when everything finished, false when the time ran out first. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
