import mongoose from 'mongoose';

/** The driver calls through which mongoose models write (Model.create → insertOne, bulkWrite, updateMany…). */
const WRITE_METHODS = [
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'bulkWrite',
] as const;

export interface RecordedWrite {
  model: string;
  method: string;
}

/**
 * `before`: the database never sees the write (the connection broke on the way out). `after`: the write is done
 * but its caller gets an error (the reply was lost), which a retry must not do twice.
 */
export type FaultMode = 'before' | 'after';

/** Named as the driver names a broken connection, so the app treats it as the database failing. */
export class InjectedFault extends Error {
  constructor(write: RecordedWrite, n: number, mode: FaultMode) {
    super(`Injected fault ${mode} write ${n} (${write.model}.${write.method})`);
    this.name = 'MongoNetworkError';
  }
}

/**
 * A real database failure on the Nth write, wherever it comes from: every mongoose model's collection is wrapped
 * at the driver boundary (below the services, below mongoose's own logic), so the service under test runs
 * unchanged and simply sees its Nth write fail. Also records every write, to know how many steps a use case has.
 */
export class WriteFaults {
  readonly writes: RecordedWrite[] = [];
  private failAt?: { n: number; mode: FaultMode; only?: Partial<RecordedWrite>; seen: number };
  private hookAt?: { n: number; only: Partial<RecordedWrite>; seen: number; run: () => void | Promise<void> };
  private readonly wrapped: { target: Record<string, unknown>; method: string }[] = [];
  private slowBy = 0;

  install(): this {
    for (const name of mongoose.modelNames()) {
      const collection = mongoose.model(name).collection as unknown as Record<string, unknown>;
      for (const method of WRITE_METHODS) {
        const original = collection[method] as ((...args: unknown[]) => Promise<unknown>) | undefined;
        if (typeof original !== 'function') continue;
        collection[method] = (...args: unknown[]) =>
          this.write({ model: name, method }, () => original.apply(collection, args));
        this.wrapped.push({ target: collection, method });
      }
    }
    return this;
  }

  uninstall(): void {
    // The wrappers are own properties over mongoose's prototype methods: deleting them restores those.
    for (const { target, method } of this.wrapped.splice(0)) delete target[method];
  }

  /**
   * Forget the writes seen so far and fail the `n`th write from now (1-based), once; with `only`, the `n`th of
   * the writes that match it (`{ model: 'Contact', method: 'bulkWrite' }`).
   */
  failWrite(n: number, mode: FaultMode, only?: Partial<RecordedWrite>): void {
    this.writes.length = 0;
    this.failAt = { n, mode, only, seen: 0 };
  }

  /** Count from now, failing nothing (and slowing nothing). */
  count(): void {
    this.writes.length = 0;
    this.failAt = undefined;
    this.slowBy = 0;
  }

  /**
   * Every write from now waits `ms` before it goes out: a database that answers, but slowly — each write well inside
   * the per-operation bound (src/db/bounds.ts), a request of several writes past Slack's deadline.
   */
  slowWrites(ms: number): void {
    this.slowBy = ms;
  }

  /**
   * Runs `hook` just before the `n`th write (from now) that matches `only` goes out, once (awaited, its own writes
   * go out unhooked); the write itself then runs normally. For "the app is told to stop while this batch is in
   * hand", or another user's write landing between a request's read and its write.
   */
  beforeWrite(n: number, only: Partial<RecordedWrite>, hook: () => void | Promise<void>): void {
    this.hookAt = { n, only, seen: 0, run: hook };
  }

  /** Whether the armed fault has happened. */
  get fired(): boolean {
    return this.failAt !== undefined && this.failAt.seen >= this.failAt.n;
  }

  private async write(write: RecordedWrite, run: () => Promise<unknown>): Promise<unknown> {
    this.writes.push(write);
    if (this.slowBy > 0) await new Promise((resolve) => setTimeout(resolve, this.slowBy));
    const hook = this.hookAt;
    if (
      hook &&
      (!hook.only.model || hook.only.model === write.model) &&
      (!hook.only.method || hook.only.method === write.method)
    ) {
      hook.seen += 1;
      if (hook.seen === hook.n) {
        this.hookAt = undefined;
        await hook.run();
      }
    }
    const armed = this.failAt;
    const { model, method } = armed?.only ?? {};
    if (!armed || (model && model !== write.model) || (method && method !== write.method)) return run();
    armed.seen += 1;
    if (armed.seen !== armed.n) return run();
    if (armed.mode === 'after') await run();
    throw new InjectedFault(write, armed.seen, armed.mode);
  }
}
