import { WebClient } from '@slack/web-api';
import { ids } from '../../../src/ids';
import { runVisitRetentionRound } from '../../../src/jobs/visit-retention.job';
import { VisitModel } from '../../../src/models/visit.model';
import { getContact } from '../../../src/services/contacts/contact.service';
import { setUserLanguage } from '../../../src/services/language/language.service';
import { getWorkspaceSetup, listSetupAudit, saveSetupSection } from '../../../src/services/setup/setup.service';
import type { SetupPatch, SetupSection } from '../../../src/services/setup/setup.types';
import { logVisit } from '../../../src/services/visits/visit.service';
import { retentionCutoff } from '../../../src/services/visits/visit-retention.service';
import type { SentView } from '../../support/contact-flows';
import type { Typed } from '../../support/modal-state';
import { openSection, openSetup, saveSection } from '../../support/setup-flows';
import { TEST_BOT_TOKEN } from '../../support/test-app';
import { addContact, useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();
const f = ids.setupField.blocks;
const ADMIN = 'U0ADMIN';
/** A fixed "now" for the job: the test never depends on today's date. */
const NOW = new Date('2026-12-07T02:00:00Z');

beforeEach(() => {
  kontakt.fake.setUser(ADMIN, { is_admin: true });
});

/** `/contact setup` → the Keeping visits section, as the admin opens it. */
async function openRetention(): Promise<SentView> {
  return openSection(kontakt, await openSetup(kontakt, ADMIN), 'retention', ADMIN);
}

const save = (section: SentView, typed: Record<string, Typed>) =>
  saveSection(kontakt, section, typed, { userId: ADMIN });

describe('setup: Delete visits older than N years', () => {
  it('is off by default; a number outside 1–50 or not a whole number gets an inline error and saves nothing', async () => {
    expect((await getWorkspaceSetup('T0001')).visitRetentionYears).toBeNull();
    const section = await openRetention();
    for (const bad of ['0', '51', '2.5', '-3']) {
      expect(await save(section, { [f.retentionYears]: bad })).toEqual({
        response_action: 'errors',
        errors: { [f.retentionYears]: expect.stringContaining('whole number of years from 1 to 50') },
      });
    }
    expect((await getWorkspaceSetup('T0001')).visitRetentionYears).toBeNull();
    expect(await listSetupAudit('T0001')).toEqual([]);
  });

  it('saves N years with an audit entry, and empty turns it off again', async () => {
    let section = await openRetention();
    await save(section, { [f.retentionYears]: '5' });
    expect((await getWorkspaceSetup('T0001')).visitRetentionYears).toBe(5);
    section = await openRetention();
    await save(section, { [f.retentionYears]: null });
    expect((await getWorkspaceSetup('T0001')).visitRetentionYears).toBeNull();
    const audit = await listSetupAudit('T0001');
    expect(audit.map((entry) => [entry.section, entry.changes])).toEqual([
      ['retention', [{ field: 'visitRetentionYears', from: '5', to: '—' }]],
      ['retention', [{ field: 'visitRetentionYears', from: '—', to: '5' }]],
    ]);
  });
});

describe('the nightly job', () => {
  const client = () => new WebClient(TEST_BOT_TOKEN, { slackApiUrl: kontakt.fake.url });
  const visit = (workspaceId: string, contactId: string, date: string) =>
    logVisit({
      workspaceId,
      userId: 'U0KARI',
      idempotencyKey: `${workspaceId}-${contactId}-${date}`,
      input: { contactId, typeCode: 'VISIT', date, description: 'Møte', evaluation: 'neutral', successful: true },
    });
  const keep = async (workspaceId: string, years: number | null, admins: string[]) => {
    const patches: [SetupSection, SetupPatch][] = [
      ['roles', { roles: { admins, managers: [] } }],
      ['retention', { visitRetentionYears: years }],
    ];
    for (const [section, patch] of patches) {
      const version = (await getWorkspaceSetup(workspaceId)).version;
      const saved = await saveSetupSection({ workspaceId, userId: ADMIN, section, version, patch });
      expect(saved.status).toBe('saved');
    }
  };

  it('deletes only that workspace’s visits before the cut-off, recomputes the counts, and tells the admins', async () => {
    const cutoff = retentionCutoff(NOW, 3);
    expect(cutoff).toBe('2023-12-07');
    const ours = await addContact({ type: 'company', name: 'Nordlys Maskin AS' });
    const theirs = await addContact({ type: 'company', name: 'Annet Firma AS' }, 'T0002');
    for (const date of ['2019-05-02', '2023-12-06', '2023-12-07', '2026-11-30']) await visit('T0001', ours.id, date);
    await visit('T0002', theirs.id, '2019-05-02');
    await keep('T0001', 3, [ADMIN, 'U0MARI']);
    await keep('T0002', null, [ADMIN]);
    await setUserLanguage('T0001', 'U0MARI', 'nb');
    expect((await getContact('T0001', ours.id))!.stats.interactionCount).toBe(4);

    const result = await runVisitRetentionRound(
      async () => client(),
      { info: () => undefined, warn: () => undefined },
      NOW,
    );
    expect(result).toEqual({ workspaces: 1, deleted: 2 });
    const left = await VisitModel.find({ workspaceId: 'T0001', subjects: ours.id }).lean();
    expect(left.map((v) => v.date).sort()).toEqual(['2023-12-07', '2026-11-30']);
    expect(await VisitModel.countDocuments({ workspaceId: 'T0002', subjects: theirs.id })).toBe(1);
    const stats = (await getContact('T0001', ours.id))!.stats;
    expect(stats.interactionCount).toBe(2);
    expect(stats.lastInteractionAt?.toISOString().slice(0, 10)).toBe('2026-11-30');

    const dms = kontakt.fake.callsTo('chat.postMessage');
    expect(dms.map((c) => c.args.channel).sort()).toEqual([ADMIN, 'U0MARI']);
    const text = (user: string) => String(dms.find((c) => c.args.channel === user)!.args.text);
    expect(text(ADMIN)).toMatch(/^Kontakt deleted 2 visits older than 3 years \(dated before .+\), as setup asks\./);
    expect(text('U0MARI')).toMatch(/^Kontakt slettet 2 besøk eldre enn 3 år \(datert før 7\. des\. 2023\)/);

    // The next night there is nothing to delete, and nobody is told anything.
    const again = await runVisitRetentionRound(
      async () => client(),
      { info: () => undefined, warn: () => undefined },
      NOW,
    );
    expect(again).toEqual({ workspaces: 1, deleted: 0 });
    expect(kontakt.fake.callsTo('chat.postMessage')).toHaveLength(2);
  });
});
