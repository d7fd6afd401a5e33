import type { BlockElementAction } from '@slack/bolt';
import { ids } from '../../src/ids';
import { blockActions, slashCommand, viewOutput, viewSubmission } from '../harness/payloads';
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
  return { ...viewOf(call), id: SETUP_HOME_ID };
}

/** The id the summary modal has in these tests: the root every setup modal is stacked on. */
export const SETUP_HOME_ID = 'V0HOME';

/** A click inside a setup modal (`view`, stacked over the setup summary). */
export async function clickInSetup(
  kontakt: TestApp,
  view: SentView,
  action: BlockElementAction,
  userId = 'U0001',
): Promise<void> {
  const response = await kontakt.slack.interactive(
    blockActions({
      userId,
      actions: [action],
      view: viewOutput({
        viewId: view.id,
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        blocks: view.blocks,
        rootViewId: SETUP_HOME_ID,
      }),
    }),
  );
  expect(response.status).toBe(200);
}

/** The view Slack was next asked to push after `before` pushes, known as `id` from then on. */
export async function pushedAfter(kontakt: TestApp, before: number, id: string): Promise<SentView> {
  const call = await kontakt.fake.waitForCall('views.push', () => kontakt.fake.callsTo('views.push').length > before);
  return { ...viewOf(call), id };
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
      rootViewId: SETUP_HOME_ID,
    }),
  );
  expect(response.status).toBe(200);
  return response.json as { response_action?: string; errors?: Record<string, string>; view?: SentView } | undefined;
}
