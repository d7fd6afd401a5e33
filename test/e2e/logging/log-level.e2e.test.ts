import { slashCommand } from '../../harness/payloads';
import { startTestApp, type TestApp } from '../../support/test-app';

async function runWith(level: string): Promise<TestApp> {
  const kontakt = await startTestApp({ LOG_LEVEL: level });
  await kontakt.slack.command(slashCommand({ text: 'help' }));
  await kontakt.stop();
  return kontakt;
}

describe('LOG_LEVEL', () => {
  it('is what the app logs at, not Bolt’s default', async () => {
    const quiet = await runWith('warn');
    expect(quiet.logs.filter((line) => JSON.parse(line).level === 'info')).toEqual([]);
    const chatty = await runWith('debug');
    expect(chatty.logs.some((line) => JSON.parse(line).level === 'debug')).toBe(true);
  });
});
