/**
 * An append-only log that tests can also wait on.
 *
 * The app talks to the fake Slack asynchronously (Bolt acks first and calls Slack afterwards), so a test
 * cannot assert right after its request returns; it has to wait for the call to show up. Waiting looks at
 * what is already recorded first, so a call that arrived before the wait started is not missed.
 */
interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
}

export class Recorder<T> {
  readonly items: T[] = [];
  private waiters: Waiter<T>[] = [];

  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(item)) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(item);
      }
    }
  }

  clear(): void {
    this.items.length = 0;
  }

  /**
   * Resolves with the first item matching `predicate`, recorded already or arriving within `timeoutMs`.
   * On timeout rejects with `describeFailure()`, which should list what was seen so the test output says
   * why nothing matched (wrong method, wrong args, nothing at all…).
   */
  waitFor(predicate: (item: T) => boolean, timeoutMs: number, describeFailure: () => string): Promise<T> {
    const existing = this.items.find(predicate);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(describeFailure()));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}
