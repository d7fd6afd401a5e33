/**
 * Issue item 7: secrets never leave the app. The suite runs with recognisable values (TEST_BOT_TOKEN,
 * TEST_SIGNING_SECRET, and an INSTALLATION_ENCRYPTION_KEY-like value where the config takes one); every
 * reliability test file ends with expectNoSecrets (logs, HTTP answers, Web API arguments, response_url posts,
 * unhandled errors). This file drives a representative run at LOG_LEVEL=debug — commands, shortcuts, buttons,
 * saves, typeahead, events, forged signatures, Slack refusing the token, a dropped connection — and also watches
 * everything written to stdout and stderr, and the messages of configuration errors.
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { ConfigError, parseConfig } from '../../src/config/env';
import { ids } from '../../src/ids';
import {
  appHomeOpened,
  blockActions,
  blockSuggestion,
  buttonAction,
  eventCallback,
  globalShortcut,
  messageShortcut,
  slashCommand,
  viewSubmission,
} from '../harness/payloads';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../support/test-app';
import { fillView } from '../support/modal-state';
import { captureTemplates } from './support/fuzz-corpus';
import { startReliableApp, type ReliableApp } from './support/reliable-app';
import { findLeaks, SECRET_NEEDLES, TEST_ENCRYPTION_KEY } from './support/secrets';
import { seedWorkspace, USERS } from './support/seed';

let kontakt: ReliableApp;
const written: string[] = [];
const originalOut = process.stdout.write.bind(process.stdout);
const originalErr = process.stderr.write.bind(process.stderr);

beforeAll(async () => {
  const capture =
    (original: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = capture(originalOut) as typeof process.stdout.write;
  process.stderr.write = capture(originalErr) as typeof process.stderr.write;
  kontakt = await startReliableApp({ LOG_LEVEL: 'debug' });
});
afterAll(async () => {
  await kontakt.stop();
  process.stdout.write = originalOut;
  process.stderr.write = originalErr;
});

it('a representative run at debug level puts no secret in any log line, reply, Slack call, stdout or stderr', async () => {
  const ws = await seedWorkspace('T0001', 'Alfa');
  kontakt.fake.setUser(USERS.admin, { is_admin: true });
  const templates = await captureTemplates(kontakt, ws, USERS);
  const s = kontakt.slack;
  const url = () => kontakt.fake.responseUrl();
  for (const text of ['', 'help', 'search alfa', ws.company.no, 'visits team', 'log kari', 'new person', 'setup'])
    await s.command(slashCommand({ text, userId: USERS.admin, responseUrl: url() }));
  await s.interactive(messageShortcut({ callbackId: ids.shortcuts.logVisit, responseUrl: url() }));
  await s.interactive(globalShortcut({ callbackId: ids.shortcuts.newContact }));
  for (const actionId of [ids.actions.viewContact, ids.actions.shareContact, ids.actions.visitShowAll])
    await s.interactive(
      blockActions({ actions: [buttonAction({ actionId, value: ws.company.id })], responseUrl: url() }),
    );
  const view = templates.contactCompany;
  await s.interactive(
    viewSubmission({
      viewId: 'VSECRET',
      callbackId: view.callback_id,
      privateMetadata: JSON.stringify({
        ...(JSON.parse(view.private_metadata!) as object),
        contactId: new Types.ObjectId().toString(),
      }),
      blocks: view.blocks,
      values: fillView(view, { [ids.contactField.blocks.name]: `Hemmelig ${randomBytes(3).toString('hex')} AS` }),
    }),
  );
  await s.options(blockSuggestion({ actionId: ids.actions.contactPicker, value: 'alf' }));
  await s.event(eventCallback(appHomeOpened()));
  // Forged requests: Bolt logs why it refused them.
  for (const signing of ['wrong-secret', 'stale', 'malformed', 'none'] as const)
    await s.command(slashCommand({ text: 'help' }), { signing });
  // Slack refusing the token, and a dropped connection.
  for (const error of ['not_authed', 'invalid_auth', 'token_revoked', 'account_inactive']) {
    kontakt.fake.failNext('views.open', error);
    await s.command(slashCommand({ text: 'new', responseUrl: url() }));
  }
  kontakt.fake.failNext('users.info', { networkError: true });
  await s.command(slashCommand({ text: 'visits', userId: 'U0NEWUSER', responseUrl: url() }));
  await kontakt.idle();

  // The run did log: refusals of the forged requests, Slack's refusals of the token, the dropped connection.
  expect(kontakt.logs.length).toBeGreaterThan(5);
  const leaks = findLeaks(kontakt, [{ where: 'stdout/stderr', text: written.join('') }]);
  expect(leaks).toEqual([]);
}, 60_000);

describe('configuration errors name the setting, never its value', () => {
  it.each([
    [
      'a signing secret that is not hex',
      { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: `zz${TEST_SIGNING_SECRET}` },
    ],
    [
      'a user token instead of a bot token',
      { SLACK_BOT_TOKEN: TEST_BOT_TOKEN.replace('xoxb-', 'xoxp-'), SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET },
    ],
    [
      'an encryption key next to a bot token',
      {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        INSTALLATION_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      },
    ],
    [
      'a bad PORT with secrets set',
      {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        PORT: 'seventy',
        INSTALLATION_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      },
    ],
  ])('%s', (_name, env) => {
    let message = '';
    try {
      parseConfig(env);
    } catch (error) {
      message = error instanceof ConfigError ? error.message : String(error);
    }
    expect(message).not.toBe('');
    expect(SECRET_NEEDLES.filter((needle) => message.includes(needle.value)).map((needle) => needle.name)).toEqual([]);
    expect(message).not.toContain(TEST_BOT_TOKEN.replace('xoxb-', 'xoxp-'));
  });
});
