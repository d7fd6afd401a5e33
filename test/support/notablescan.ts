import type mongoose from 'mongoose';

type Db = mongoose.mongo.Db;

export type NotablescanState = 'on' | 'off' | 'unknown';

/**
 * Whether the server refuses queries no index serves (`notablescan`). The suite counts on it: a query without an
 * index must fail the test that made it. Read with getParameter; 'unknown' when the server will not say (a user
 * without the right, a hosted server that hides it).
 */
export async function readNotablescan(db: Db): Promise<NotablescanState> {
  try {
    const reply = await db.admin().command({ getParameter: 1, notablescan: 1 });
    return reply.notablescan === true ? 'on' : 'off';
  } catch {
    return 'unknown';
  }
}

/** What global setup prints about it: one line, and how to fix it when it is not on. */
export function describeNotablescan(state: NotablescanState): string {
  if (state === 'on') return 'notablescan is on: a query no index serves fails its test.';
  return [
    `*** notablescan is ${state.toUpperCase()} on this server: a query no index serves will NOT fail its test.`,
    '*** Start that mongod with --setParameter notablescan=1, or unset MONGODB_TEST_URI to let the suite start its own.',
  ].join('\n');
}
