import { ids } from '../../../src/ids';
import { OpportunitySetupModel } from '../../../src/models/opportunity.model';
import { createOpportunity } from '../../../src/services/opportunities/opportunity.service';
import { listSetupAudit } from '../../../src/services/setup/setup.service';
import { buttonAction, blockActions, slashCommand, viewOutput, viewSubmission } from '../../harness/payloads';
import { viewOf, type SentView } from '../../support/contact-flows';
import { WriteFaults } from '../../support/fault-injection';
import { fillView, type Typed } from '../../support/modal-state';
import { addContact, useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();
const faults = new WriteFaults();
beforeAll(() => faults.install());
afterEach(() => faults.count());
afterAll(() => faults.uninstall());
const F = ids.oppSetupField;
const ADMIN = 'U0ADMIN';

async function openNumbers(): Promise<SentView> {
  await kontakt.slack.command(slashCommand({ text: 'setup', userId: ADMIN, responseUrl: kontakt.fake.responseUrl() }));
  const home = { ...viewOf(await kontakt.fake.waitForCall('views.open')), id: 'V0HOME' };
  await kontakt.slack.interactive(
    blockActions({
      userId: ADMIN,
      actions: [buttonAction({ actionId: ids.actions.oppSetupOpen, value: 'opportunities' })],
      view: viewOutput({
        viewId: home.id,
        callbackId: home.callback_id,
        privateMetadata: home.private_metadata,
        blocks: home.blocks,
      }),
    }),
  );
  return { ...viewOf(await kontakt.fake.waitForCall('views.push')), id: 'V0NUMBERS' };
}

async function submit(view: SentView, typed: Record<string, Typed>) {
  const response = await kontakt.slack.interactive(
    viewSubmission({
      userId: ADMIN,
      viewId: view.id,
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      blocks: view.blocks,
      values: fillView(view, typed),
      rootViewId: 'V0HOME',
    }),
  );
  return response.json as { errors?: Record<string, string> } | undefined;
}

it('a save whose audit entry failed is finished by the admin’s retry of the same form: one entry, series moved', async () => {
  kontakt.fake.setUser(ADMIN, { is_admin: true });
  const contact = await addContact({ type: 'company', name: 'Nordlys Maskin AS' });
  const view = await openNumbers();
  const typed = { [F.prefix]: 'OPP', [F.nextNo]: '100' };
  faults.failWrite(1, 'before', { model: 'SetupAudit', method: 'insertOne' });
  const failed = await submit(view, typed);
  expect(Object.values(failed?.errors ?? {}).join(' ')).not.toBe('');
  expect(faults.fired).toBe(true);
  expect(await OpportunitySetupModel.findOne({ workspaceId: 'T0001' }).lean()).toMatchObject({
    version: 1,
    numbering: { prefix: 'OPP' },
    pending: { by: ADMIN, nextNo: 100 },
  });

  expect(await submit(view, typed)).toBeUndefined();
  const stored = await OpportunitySetupModel.findOne({ workspaceId: 'T0001' }).lean();
  expect(stored?.version).toBe(1);
  expect(stored?.pending).toBeUndefined();
  expect(await listSetupAudit('T0001')).toHaveLength(1);
  const next = await createOpportunity({
    workspaceId: 'T0001',
    userId: ADMIN,
    idempotencyKey: 'k1',
    input: { contactId: contact.id, description: 'Forklifts', estimatedValue: 10 } as never,
  });
  expect(next.status === 'saved' && next.opportunity.no).toBe('OPP000100');
});
