import { ids } from '../../src/ids';
import type { RecordedCall } from '../harness/fake-slack-api';
import { blockActions, buttonAction, slashCommand, viewOutput, viewSubmission } from '../harness/payloads';
import { fillView, type Typed } from './modal-state';
import type { TestApp } from './test-app';

export interface SentView {
  id?: string;
  callback_id?: string;
  private_metadata?: string;
  title?: { text: string };
  blocks: { type: string; block_id?: string; element?: { type: string; action_id: string }; elements?: unknown[] }[];
}

export const field = ids.contactField.blocks;

export function viewOf(call: RecordedCall): SentView {
  return (call.args as { view: SentView }).view;
}

export function inputBlockIds(view: SentView): string[] {
  return view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id as string);
}

/** `/contact new …` → the modal Kontakt asked Slack to open. */
export async function openNewContact(
  kontakt: TestApp,
  text = 'new',
  actor: { teamId?: string; userId?: string } = {},
): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.open').length;
  const response = await kontakt.send.command(
    slashCommand({ text, ...actor, responseUrl: kontakt.fake.responseUrl() }),
  );
  expect(response.status).toBe(200);
  const call = await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before);
  return viewOf(call);
}

/** Submits `view` as a person who typed `typed` into it; returns Kontakt's ack body (undefined = the modal closed). */
export async function submitView(
  kontakt: TestApp,
  view: SentView,
  typed: Record<string, Typed>,
  actor: { teamId?: string; userId?: string } = {},
): Promise<{ response_action?: string; errors?: Record<string, string>; view?: SentView } | undefined> {
  const response = await kontakt.send.interactive(
    viewSubmission({
      ...actor,
      viewId: view.id,
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: fillView(view, typed),
      blocks: view.blocks,
    }),
  );
  expect(response.status).toBe(200);
  return response.json as never;
}

/** Clicks a button in a message (default) or in `view`; returns the payload sent (its response_url has the key). */
export async function click(
  kontakt: TestApp,
  actionId: string,
  value: string,
  options: { view?: SentView; values?: Record<string, Typed>; teamId?: string; userId?: string } = {},
): Promise<{ response_url?: string; trigger_id: string }> {
  const view = options.view
    ? viewOutput({
        viewId: options.view.id,
        callbackId: options.view.callback_id,
        privateMetadata: options.view.private_metadata,
        blocks: options.view.blocks,
        values: options.values ? fillView(options.view, options.values) : {},
        teamId: options.teamId,
      })
    : undefined;
  const payload = blockActions({
    teamId: options.teamId,
    userId: options.userId,
    actions: [buttonAction({ actionId, value })],
    responseUrl: kontakt.fake.responseUrl(),
    view,
  });
  const response = await kontakt.send.interactive(payload);
  expect(response.status).toBe(200);
  return payload as unknown as { response_url?: string; trigger_id: string };
}
