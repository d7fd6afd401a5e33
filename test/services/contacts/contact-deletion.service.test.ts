import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { contactInputSchema, type ContactInput } from '../../../src/schemas/contact-input';
import {
  deleteContact,
  listRestorableDeletions,
  purgeDueDeletions,
  restoreDeletion,
} from '../../../src/services/contacts/contact-deletion.service';
import { findMentionedContacts } from '../../../src/services/contacts/contact-mention.service';
import { suggestContacts } from '../../../src/services/contacts/contact-search.service';
import { createContact, getContact, recentContactsOf } from '../../../src/services/contacts/contact.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { markSeparate } from '../../../src/services/contacts/duplicate.service';
import { countWorkspaceData, writeContactsCsv } from '../../../src/services/export/workspace-export.service';
import { saveSetupSection, getWorkspaceSetup } from '../../../src/services/setup/setup.service';
import { firstTimeContacts } from '../../../src/services/visits/visit-report.service';
import { logVisit } from '../../../src/services/visits/visit.service';
import { actor } from '../../support/actors';
import { clearCollections, useTestDatabase } from '../../support/database';

useTestDatabase();
beforeEach(clearCollections);

const WS = 'T0001';
const ADMIN = actor('U0ADMIN', { admin: true });
const DAY = 86_400_000;

async function contact(fields: Partial<ContactInput> & Pick<ContactInput, 'type' | 'name'>): Promise<Contact> {
  const result = await createContact({ workspaceId: WS, userId: 'U0KARI', input: contactInputSchema.parse(fields) });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.contact;
}

describe('a deleted contact is left out of every question users ask', () => {
  it('mentions, typeahead, duplicates, recent contacts, export, first-time contacts and code usage', async () => {
    const company = await contact({
      type: 'company',
      name: 'Nordlys Maskin AS',
      city: 'Bergen',
      phone: '55 12 34 56',
      industryGroups: ['MANU'],
    });
    await logVisit({
      workspaceId: WS,
      userId: 'U0KARI',
      idempotencyKey: 'k',
      input: {
        contactId: company.id,
        typeCode: 'VISIT',
        date: '2026-11-24',
        description: '',
        evaluation: 'neutral',
        successful: true,
      },
    });
    await deleteContact({ workspaceId: WS, actor: ADMIN, contactId: company.id });

    expect(await findMentionedContacts(WS, `Met Nordlys Maskin AS (${company.no}) today`)).toEqual({ candidates: [] });
    expect(await suggestContacts(WS, 'U0KARI', 'nordlys')).toEqual([]);
    expect(await recentContactsOf(WS, 'U0KARI')).toEqual([]);
    expect((await countWorkspaceData(WS)).contacts).toBe(0);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kontakt-test-')), 'contacts.csv');
    expect((await writeContactsCsv(WS, file)).rows).toBe(0);
    expect(await firstTimeContacts(WS, { from: '2026-11-23', to: '2026-11-29' })).toEqual([]);
    // The same company again is no duplicate of the deleted one.
    const again = await createContact({
      workspaceId: WS,
      userId: 'U0KARI',
      input: contactInputSchema.parse({
        type: 'company',
        name: 'Nordlys Maskin AS',
        city: 'Bergen',
        phone: '55123456',
      }),
    });
    expect(again.status).toBe('saved');
    // The code it used can leave the list (the deleted contact keeps it if restored).
    const setup = await getWorkspaceSetup(WS);
    const saved = await saveSetupSection({
      workspaceId: WS,
      userId: 'U0ADMIN',
      section: 'industryGroups',
      version: setup.version,
      patch: { codes: { industryGroups: setup.codes.industryGroups.filter((entry) => entry.code !== 'MANU') } },
    });
    expect(saved.status).toBe('saved');
  });
});

describe('deleting, restoring and purging', () => {
  it('a second Delete of a contact already deleted finds it gone; the record stays one', async () => {
    const company = await contact({ type: 'company', name: 'Nordlys Maskin AS' });
    expect((await deleteContact({ workspaceId: WS, actor: ADMIN, contactId: company.id })).status).toBe('deleted');
    expect(await deleteContact({ workspaceId: WS, actor: ADMIN, contactId: company.id })).toEqual({ status: 'gone' });
    expect(await listRestorableDeletions(WS)).toHaveLength(1);
  });

  it('restoring is for admins and within 30 days; after that the purge removes it and its links', async () => {
    const a = await contact({ type: 'company', name: 'Nordlys Maskin AS' });
    const b = await contact({ type: 'company', name: 'Nordlys Maskiner AS' });
    await markSeparate(WS, a.id, b.id, 'U0KARI');
    const deleted = await deleteContact({ workspaceId: WS, actor: ADMIN, contactId: a.id });
    if (deleted.status !== 'deleted') throw new Error('not deleted');
    const deletionId = deleted.deletion.id;
    expect(await restoreDeletion({ workspaceId: WS, actor: actor('U0KARI'), deletionId })).toEqual({
      status: 'notAdmin',
    });
    expect(await restoreDeletion({ workspaceId: 'T0002', actor: ADMIN, deletionId })).toEqual({ status: 'gone' });
    const late = new Date(Date.now() + 31 * DAY);
    expect(await restoreDeletion({ workspaceId: WS, actor: ADMIN, deletionId, now: late })).toEqual({
      status: 'gone',
    });
    expect(await listRestorableDeletions(WS, late)).toEqual([]);
    expect(await purgeDueDeletions(WS, new Date(Date.now() + 29 * DAY))).toBe(0);
    expect(await purgeDueDeletions(WS, late)).toBe(1);
    expect(await restoreDeletion({ workspaceId: WS, actor: ADMIN, deletionId })).toEqual({ status: 'gone' });
    expect(await getContact(WS, b.id)).toBeDefined();
    // Its "not a duplicate" mark went with it.
    expect(await mongoose.connection.db!.collection('separate_contacts').countDocuments({ workspaceId: WS })).toBe(0);
  });
});
