import { ids } from '../../../src/ids';
import { mergeContacts, undoMerge } from '../../../src/services/contacts/merge/merge.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { messageShortcut, slashCommand } from '../../harness/payloads';
import { viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

/**
 * The No. of a merged contact names the one it was merged into (issue 18: "old references still find the
 * survivor"): `/contact log CT000002 …` and the Log visit message shortcut pick the kept contact, in this
 * workspace only, and after Undo the old No. names its own contact again.
 */
const kontakt = useKontakt();
const admin = { userId: 'U0ADMIN', isAdmin: async () => true, nameOf: async () => 'anne' };

async function merged(workspaceId = 'T0001', padding = 0) {
  for (let i = 0; i < padding; i += 1) await addContact({ type: 'company', name: `Fyll ${i} AS` }, workspaceId);
  const kept = await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen' }, workspaceId);
  const gone = await addContact({ type: 'company', name: 'Nordlys Maskin', phone: '55 12 34 56' }, workspaceId);
  const result = await mergeContacts({
    workspaceId,
    actor: admin,
    keepId: kept.id,
    mergeId: gone.id,
    fields: {},
    expectedVersions: { keep: 0, merge: 0 },
  });
  if (result.status !== 'merged') throw new Error(JSON.stringify(result));
  return { kept, gone, mergeId: result.merge.id };
}

const contactBlock = ids.visitField.contact;
const pickedIn = (view: SentView) =>
  (
    (view.blocks as { block_id?: string; element?: { initial_option?: { value: string } } }[]).find(
      (block) => block.block_id === contactBlock,
    )?.element?.initial_option ?? undefined
  )?.value;

async function logByCommand(text: string): Promise<SentView> {
  const opens = kontakt.fake.callsTo('views.open').length;
  const response = await kontakt.slack.command(
    slashCommand({ text: `log ${text}`, userId: 'U0ADMIN', responseUrl: kontakt.fake.responseUrl() }),
  );
  expect(response.status).toBe(200);
  return viewOf(await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > opens));
}

async function logFromMessage(text: string): Promise<SentView> {
  const opens = kontakt.fake.callsTo('views.open').length;
  const payload = messageShortcut({
    callbackId: ids.shortcuts.logVisit,
    message: { text, ts: '1764000000.000100' },
    responseUrl: kontakt.fake.responseUrl(),
  });
  expect((await kontakt.slack.interactive(payload)).status).toBe(200);
  return viewOf(await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > opens));
}

describe('a merged contact’s No. names the contact it was merged into', () => {
  let s: { kept: Contact; gone: Contact; mergeId: string };
  beforeEach(async () => {
    s = await merged();
  });

  it('in `/contact log <text>`', async () => {
    expect(pickedIn(await logByCommand(s.gone.no))).toBe(s.kept.id);
    expect(pickedIn(await logByCommand(`oppfølging av ${s.gone.no} neste uke`))).toBe(s.kept.id);
  });

  it('in the Log visit message shortcut', async () => {
    expect(pickedIn(await logFromMessage(`Ringte ${s.gone.no} i dag, de vil ha tilbud`))).toBe(s.kept.id);
  });

  it('never another workspace’s: its alias names nothing here', async () => {
    // T0002's merged No. (CT000005) is no No. of this workspace, live or merged.
    const foreign = await merged('T0002', 3);
    expect(foreign.gone.no).toBe('CT000005');
    expect(pickedIn(await logByCommand(`oppfølging av ${foreign.gone.no} i morgen`))).toBeUndefined();
  });

  it('after Undo, the old No. names its own contact again', async () => {
    const undone = await undoMerge({ workspaceId: 'T0001', actor: admin, mergeRecordId: s.mergeId });
    expect(undone.status).toBe('undone');
    expect(pickedIn(await logByCommand(`oppfølging av ${s.gone.no}`))).toBe(s.gone.id);
  });
});
