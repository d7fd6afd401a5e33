import { contactInputSchema, type ContactInput } from '../../src/schemas/contact-input';
import { createContact } from '../../src/services/contacts/contact.service';
import type { Contact } from '../../src/services/contacts/contact.types';
import { clearLanguageCache } from '../../src/services/language/language.service';
import { clearUserCache } from '../../src/services/people/user-directory';
import { clearCollections } from './database';
import { surfaceCapture } from './surface-capture';
import { startTestApp, type SlackMode, type TestApp } from './test-app';

/**
 * The end-to-end tests' frame: Kontakt started once for the file (or the describe block it is called in); before
 * each test a clean fake Slack, no cached Slack users and (unless `freshDatabase: false`) empty collections; after
 * each, no view or message Slack would have rejected. Returns the app (usable from the first test on).
 *
 * `mode: 'socket'` runs it in Socket Mode; flows that go through `kontakt.send` run unchanged in both modes:
 *
 *   describe.each(SLACK_MODES)('%s', (mode) => { const kontakt = useKontakt({ mode }); … });
 */
export function useKontakt(
  options: { env?: Record<string, string>; freshDatabase?: boolean; mode?: SlackMode } = {},
): TestApp {
  let app: TestApp | undefined;
  const testPath = expect.getState().testPath ?? 'e2e';
  // A file that runs in both modes keeps one capture per mode.
  const capture = surfaceCapture(
    options.mode === 'socket' ? testPath.replace(/\.test\.ts$/, '.socket.test.ts') : testPath,
  );
  beforeAll(async () => {
    app = await startTestApp(options.env, { mode: options.mode });
    // Acks are captured from the HTTP exchanges; in Socket Mode the surfaces Slack was asked to show still are.
    if (app.mode === 'http') capture.attach(app);
  });
  afterAll(async () => {
    capture.write();
    await app?.stop();
  });
  beforeEach(async () => {
    // A Home re-published in the background after the last test's save belongs to that test: let it finish
    // before this one starts, so it is never taken for one of this test's publishes.
    await app?.running.home.settled();
    app?.fake.reset();
    if (options.freshDatabase ?? true) await clearCollections();
    // Last, after every await: a profile looked up meanwhile by the last test's leftover work was answered by the
    // reset fake (no admin flags yet) and must not be what this test's permission checks read.
    clearUserCache();
    clearLanguageCache();
  });
  afterEach(() => {
    if (app) capture.collect(expect.getState().currentTestName ?? '', app.fake);
    app?.fake.expectNoBlockKitViolations();
  });
  // Tests hold the app before it exists (it starts in beforeAll): every property is looked up on use.
  return new Proxy({} as TestApp, {
    get: (_target, property) => {
      if (!app) throw new Error('Kontakt is not started yet: use it inside a test or hook');
      return app[property as keyof TestApp];
    },
  });
}

/** Stores a contact through the contact service, as a user of `workspaceId` would create it. */
export async function addContact(
  fields: Partial<ContactInput> & Pick<ContactInput, 'type' | 'name'>,
  workspaceId = 'T0001',
): Promise<Contact> {
  const result = await createContact({
    workspaceId,
    userId: 'U0001',
    input: contactInputSchema.parse(fields),
    ignoreDuplicates: true,
  });
  if (result.status !== 'saved') throw new Error(`Seeding a contact failed: ${JSON.stringify(result)}`);
  return result.contact;
}
