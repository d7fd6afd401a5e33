import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import {
  HomeRefresher,
  HOME_REFRESH_MAX_WAIT_MS,
  HOME_REFRESH_QUIET_MS,
  TEAM_PACE,
} from '../../src/slack/home-refresh';

const client = {} as WebClient;
const logger = { warn: jest.fn() } as unknown as Logger;

/** A publish the test finishes by hand, so "while it runs" is a state, not a duration. */
function publisher() {
  const calls: { userId: string; finish: (error?: Error) => void }[] = [];
  const publish = (_client: WebClient, _workspaceId: string, userId: string) =>
    new Promise<void>((resolve, reject) =>
      calls.push({ userId, finish: (error) => (error ? reject(error) : resolve()) }),
    );
  return { calls, publish };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('HomeRefresher', () => {
  it('coalesces a burst by one user into one publish, and publishes each user of a change once', async () => {
    const { calls, publish } = publisher();
    const home = new HomeRefresher(publish, logger);
    for (let i = 0; i < 5; i += 1) {
      home.refresh(client, 'T1', ['U1', 'U1', undefined, '']);
      jest.advanceTimersByTime(HOME_REFRESH_QUIET_MS / 2);
    }
    home.refresh(client, 'T1', ['U2']);
    expect(calls).toHaveLength(0);
    jest.advanceTimersByTime(HOME_REFRESH_QUIET_MS);
    expect(calls.map((c) => c.userId)).toEqual(['U1', 'U2']);
    calls.forEach((c) => c.finish());
    await home.settled();
  });

  it('a never-ending burst still publishes once the longest wait is reached', () => {
    const { calls, publish } = publisher();
    const home = new HomeRefresher(publish, logger);
    for (let waited = 0; waited <= HOME_REFRESH_MAX_WAIT_MS; waited += HOME_REFRESH_QUIET_MS / 3) {
      home.refresh(client, 'T1', ['U1']);
      jest.advanceTimersByTime(HOME_REFRESH_QUIET_MS / 3);
    }
    expect(calls).toHaveLength(1);
  });

  it('a change while a publish runs gets exactly one more publish after it; a failure is only logged', async () => {
    const { calls, publish } = publisher();
    const home = new HomeRefresher(publish, logger);
    home.refresh(client, 'T1', ['U1']);
    jest.advanceTimersByTime(HOME_REFRESH_QUIET_MS);
    expect(calls).toHaveLength(1);
    home.refresh(client, 'T1', ['U1']);
    home.refresh(client, 'T1', ['U1']);
    calls[0]!.finish(new Error('internal_error'));
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(HOME_REFRESH_QUIET_MS);
    expect(calls).toHaveLength(2);
    calls[1]!.finish();
    await home.settled();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('internal_error'));
  });

  it("the team's Homes follow others' saves at the slower pace; a manager who saves gets the actor's pace", async () => {
    const { calls, publish } = publisher();
    const home = new HomeRefresher(publish, logger);
    home.refresh(client, 'T1', ['U_SALES']);
    home.refreshLater(client, 'T1', () => Promise.resolve(['U_MANAGER', 'U_OTHER_MANAGER']));
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(HOME_REFRESH_QUIET_MS);
    expect(calls.map((c) => c.userId)).toEqual(['U_SALES']);
    // A manager saving something of their own meanwhile is published at the actor's pace.
    home.refresh(client, 'T1', ['U_OTHER_MANAGER']);
    jest.advanceTimersByTime(HOME_REFRESH_QUIET_MS);
    expect(calls.map((c) => c.userId)).toEqual(['U_SALES', 'U_OTHER_MANAGER']);
    jest.advanceTimersByTime(TEAM_PACE.quietMs - 2 * HOME_REFRESH_QUIET_MS - 1);
    expect(calls.map((c) => c.userId)).toEqual(['U_SALES', 'U_OTHER_MANAGER']);
    jest.advanceTimersByTime(1);
    expect(calls.map((c) => c.userId)).toEqual(['U_SALES', 'U_OTHER_MANAGER', 'U_MANAGER']);
    calls.forEach((c) => c.finish());
    await home.settled();
  });

  it("a team that never stops saving still reaches a manager's Home within the team's longest wait", async () => {
    const { calls, publish } = publisher();
    const home = new HomeRefresher(publish, logger);
    for (let waited = 0; waited < TEAM_PACE.maxWaitMs; waited += TEAM_PACE.quietMs / 2) {
      home.refreshLater(client, 'T1', () => Promise.resolve(['U_MANAGER']));
      await Promise.resolve();
      await Promise.resolve();
      jest.advanceTimersByTime(TEAM_PACE.quietMs / 2);
    }
    expect(calls.map((c) => c.userId)).toEqual(['U_MANAGER']);
  });

  it('stop() drops what is waiting and publishes nothing more', async () => {
    const { calls, publish } = publisher();
    const home = new HomeRefresher(publish, logger);
    home.refresh(client, 'T1', ['U1']);
    await home.stop();
    home.refresh(client, 'T1', ['U2']);
    jest.advanceTimersByTime(HOME_REFRESH_MAX_WAIT_MS);
    expect(calls).toHaveLength(0);
    await home.settled();
  });
});
