import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ids } from '../../../src/ids';
import { saveSetupSection } from '../../../src/services/setup/setup.service';
import type { RecordedCall } from '../../harness/fake-slack-api';
import { slashCommand } from '../../harness/payloads';
import { submitView, viewOf, type SentView } from '../../support/contact-flows';
import type { TestApp } from '../../support/test-app';

export const f = ids.importField;
export const ADMIN = 'U0ADMIN';

export const fixture = (name: string): Buffer => readFileSync(path.join(__dirname, '../../fixtures/import', name));

/** Makes ADMIN a Kontakt admin of `workspaceId` (roles in setup). */
export async function makeAdmin(workspaceId = 'T0001', admins = [ADMIN]): Promise<void> {
  const saved = await saveSetupSection({
    workspaceId,
    userId: ADMIN,
    section: 'roles',
    version: 0,
    patch: { roles: { admins, managers: [] } },
  });
  if (saved.status !== 'saved') throw new Error('setting up admins failed');
}

/** `/contact import` as `userId`: the upload modal Kontakt opened, or the ephemeral reply's text. */
export async function openImport(
  kontakt: TestApp,
  userId = ADMIN,
  teamId = 'T0001',
): Promise<{ view?: SentView; reply?: string }> {
  const key = `import-${Math.random()}`;
  const before = kontakt.fake.callsTo('views.open').length;
  await kontakt.send.command(
    slashCommand({ text: 'import', userId, teamId, responseUrl: kontakt.fake.responseUrl(key) }),
  );
  const answer = await Promise.race([
    kontakt.fake
      .waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before)
      .then((call) => ({ view: viewOf(call) })),
    kontakt.fake.waitForResponse((r) => r.key === key).then((r) => ({ reply: String(r.body.text) })),
  ]);
  return answer;
}

/** Uploads `bytes` as `name` through the modal; returns the view Kontakt put in its place once the file was read. */
export async function uploadFile(
  kontakt: TestApp,
  name: string,
  bytes: Buffer,
  options: { userId?: string; teamId?: string; size?: number } = {},
): Promise<{ ack: unknown; result: SentView; fileId: string }> {
  const { view } = await openImport(kontakt, options.userId ?? ADMIN, options.teamId);
  if (!view) throw new Error('the upload modal did not open');
  const fileId = kontakt.fake.addFile({ name, bytes, size: options.size });
  const viewId = `V${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  const before = kontakt.fake.callsTo('views.update').length;
  const ack = await submitView(
    kontakt,
    { ...view, id: viewId },
    { [f.blocks.file]: fileId },
    {
      userId: options.userId ?? ADMIN,
      teamId: options.teamId,
    },
  );
  const call = await kontakt.fake
    .waitForCall(
      'views.update',
      (c) => kontakt.fake.callsTo('views.update').indexOf(c) >= before && c.args.view_id === viewId,
    )
    .catch((error: Error) => {
      throw new Error(`${error.message}\nLogs:\n${kontakt.logs.slice(-10).join('\n')}`);
    });
  return { ack, result: { ...viewOf(call), id: viewId }, fileId };
}

/** All the text of a view or message's blocks. */
export function textOf(blocks: unknown): string {
  return JSON.stringify(blocks ?? [])
    .match(/"text":"((?:[^"\\]|\\.)*)"/g)!
    .map((m) => JSON.parse(m.slice(7)) as string)
    .join('\n');
}

/** Presses Import in the preview with these choices; waits for the summary in the DM. */
export async function runImport(
  kontakt: TestApp,
  preview: SentView,
  choices: { keepNumbers?: boolean; onMatch?: 'skip' | 'update' | 'create' } = {},
  userId = ADMIN,
): Promise<{ summary: RecordedCall }> {
  const typed: Record<string, string | string[] | null> = {};
  if (choices.keepNumbers !== undefined) typed[f.blocks.keepNumbers] = choices.keepNumbers ? ['keep'] : [];
  if (choices.onMatch) typed[f.blocks.onMatch] = choices.onMatch;
  const ack = await submitView(kontakt, preview, typed, { userId });
  expect(ack).toMatchObject({ response_action: 'update' });
  const file = /\*(.+?)\*:/.exec(textOf(preview.blocks))?.[1] ?? '';
  const summary = await kontakt.fake.waitForCall(
    'chat.update',
    (c) => String(c.args.text).startsWith(`Imported *${file}*`),
    60_000,
  );
  return { summary };
}
