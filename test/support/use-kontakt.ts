import { contactInputSchema, type ContactInput } from '../../src/schemas/contact-input';
import { createContact } from '../../src/services/contacts/contact.service';
import type { Contact } from '../../src/services/contacts/contact.types';
import { clearUserCache } from '../../src/services/people/user-directory';
import { clearCollections } from './database';
import { surfaceCapture } from './surface-capture';
import { startTestApp, type TestApp } from './test-app';

/**
 * The end-to-end tests' frame: Kontakt started once for the file; before each test a clean fake Slack, no cached
 * Slack users and (unless `freshDatabase: false`) empty collections; after each, no view or message Slack would
 * have rejected. Returns the app (usable from the first test on).
 */
export function useKontakt(options: { env?: Record<string, string>; freshDatabase?: boolean } = {}): TestApp {
  let app: TestApp | undefined;
  const capture = surfaceCapture(expect.getState().testPath ?? 'e2e');
  beforeAll(async () => {
    app = await startTestApp(options.env);
    capture.attach(app);
  });
  afterAll(async () => {
    capture.write();
    await app?.stop();
  });
  beforeEach(async () => {
    app?.fake.reset();
    clearUserCache();
    if (options.freshDatabase ?? true) await clearCollections();
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
