/**
 * Issue item 7: the recognisable secret values the suite runs with, and the check every reliability test file
 * ends with. A secret may travel to Slack only as the bearer token of a Web API call (RecordedCall.token); it
 * must never appear in a log line, a reply to Slack, a message the app posts or the arguments of a Web API call.
 */
import type { FakeSlackApi } from '../../harness/fake-slack-api';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../../support/test-app';
import type { ReliableApp } from './reliable-app';

/**
 * A recognisable INSTALLATION_ENCRYPTION_KEY (32 bytes, base64: "KONTAKT-TEST-ENCRYPTION-KEY-0001"). The config
 * accepts it only in OAuth mode; the scan looks for it anyway, so it is covered the day a run passes it.
 */
export const TEST_ENCRYPTION_KEY = Buffer.from('KONTAKT-TEST-ENCRYPTION-KEY-0001').toString('base64');

/** Whole values and the distinctive parts of them (a leak may be a substring: a token cut by a log formatter). */
export const SECRET_NEEDLES: { name: string; value: string }[] = [
  { name: 'SLACK_BOT_TOKEN', value: TEST_BOT_TOKEN },
  { name: 'SLACK_BOT_TOKEN (distinctive part)', value: TEST_BOT_TOKEN.split('-').at(-1) as string },
  { name: 'SLACK_SIGNING_SECRET', value: TEST_SIGNING_SECRET },
  { name: 'SLACK_SIGNING_SECRET (first half)', value: TEST_SIGNING_SECRET.slice(0, 16) },
  { name: 'SLACK_SIGNING_SECRET (second half)', value: TEST_SIGNING_SECRET.slice(16) },
  { name: 'INSTALLATION_ENCRYPTION_KEY', value: TEST_ENCRYPTION_KEY },
  { name: 'INSTALLATION_ENCRYPTION_KEY (raw)', value: 'KONTAKT-TEST-ENCRYPTION-KEY-0001' },
];

export interface Leak {
  secret: string;
  where: string;
  excerpt: string;
}

export function scan(text: string, where: string, leaks: Leak[]): void {
  for (const needle of SECRET_NEEDLES) {
    const at = text.indexOf(needle.value);
    if (at >= 0)
      leaks.push({
        secret: needle.name,
        where,
        excerpt: text.slice(Math.max(0, at - 80), at + needle.value.length + 40),
      });
  }
}

/** What the app sent to the fake Slack (Web API arguments, response_url posts); the bearer token is not looked at. */
export function scanSlackTraffic(fake: FakeSlackApi, leaks: Leak[], label = ''): void {
  fake.calls.forEach((call, i) =>
    scan(JSON.stringify(call.args), `${label}Web API call ${i} ${call.method} (arguments)`, leaks),
  );
  fake.responses.forEach((response, i) => scan(JSON.stringify(response.body), `${label}response_url post ${i}`, leaks));
}

/** Every place the app's output goes, scanned for the secrets. `extra` adds captured stdout/stderr and the like. */
export function findLeaks(app: ReliableApp, extra: { where: string; text: string }[] = []): Leak[] {
  const leaks: Leak[] = [...app.leaksBeforeReset];
  app.logs.forEach((line, i) => scan(line, `log line ${i}`, leaks));
  app.exchanges.forEach((exchange, i) => scan(exchange.text, `HTTP answer ${i} (status ${exchange.status})`, leaks));
  scanSlackTraffic(app.fake, leaks);
  app.trouble.forEach((trouble, i) => scan(trouble.message, `${trouble.kind} ${i}`, leaks));
  extra.forEach(({ where, text }) => scan(text, where, leaks));
  return leaks;
}

/** For afterAll of every reliability test file (fake.reset() clears calls, so call it before resets too). */
export function expectNoSecrets(app: ReliableApp, extra: { where: string; text: string }[] = []): void {
  expect(findLeaks(app, extra)).toEqual([]);
}
