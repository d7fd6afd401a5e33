import { refreshBackoffMs } from '../../src/oauth/installation-store';

describe('refreshBackoffMs', () => {
  it('waits 30 s after the first failure, doubling per failure, never more than 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((failures) => refreshBackoffMs(failures) / 1000)).toEqual([
      30, 60, 120, 240, 480, 900, 900, 900,
    ]);
  });
});
