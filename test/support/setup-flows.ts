import { ids } from '../../src/ids';
import { slashCommand, viewSubmission } from '../harness/payloads';
import { click, viewOf, type SentView } from './contact-flows';
import { fillView, type Typed } from './modal-state';
import type { TestApp } from './test-app';

/** `/contact setup` by `userId`; returns the response_url key its refusal (if any) is posted to. */
export async function setupCommand(kontakt: TestApp, userId: string, teamId = 'T0001'): Promise<string> {
  const key = `setup-${Math.random()}`;
  await kontakt.slack.command(
    slashCommand({ text: 'setup', userId, teamId, responseUrl: kontakt.fake.responseUrl(key) }),
  );
  return key;
}

/** `/contact setup` as an admin → the summary modal Slack was asked to open. */
export async function openSetup(kontakt: TestApp, userId = 'U0001'): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.open').length;
  await setupCommand(kontakt, userId);
  const call = await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before);
  return { ...viewOf(call), id: 'V0HOME' };
}

/** "Edit" on one section of the summary → the pushed section form. */
export async function openSection(
  kontakt: TestApp,
  home: SentView,
  section: string,
  userId = 'U0001',
): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.push').length;
  await click(kontakt, ids.actions.setupOpenSection, section, { view: home, userId });
  const call = await kontakt.fake.waitForCall('views.push', () => kontakt.fake.callsTo('views.push').length > before);
  return { ...viewOf(call), id: `V0${section.toUpperCase()}` };
}

/** Saves a section form with `typed` over what it showed; returns Kontakt's answer (undefined: closed). */
export async function saveSection(
  kontakt: TestApp,
  section: SentView,
  typed: Record<string, Typed>,
  actor: { userId?: string; teamId?: string } = {},
) {
  const response = await kontakt.slack.interactive(
    viewSubmission({
      ...actor,
      viewId: section.id,
      callbackId: section.callback_id,
      privateMetadata: section.private_metadata,
      blocks: section.blocks,
      values: fillView(section, typed),
      rootViewId: 'V0HOME',
    }),
  );
  expect(response.status).toBe(200);
  return response.json as { response_action?: string; errors?: Record<string, string> } | undefined;
}
