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

/** Waits for the next views.update after `before` updates and returns the view it drew. */
async function nextUpdate(kontakt: TestApp, before: number): Promise<SentView> {
  await kontakt.fake.waitForCall('views.update', () => kontakt.fake.callsTo('views.update').length > before);
  return viewOf(kontakt.fake.callsTo('views.update')[before]!);
}

/** A click inside the contact modal (as typed so far) that redraws it; returns the view Kontakt drew. */
export async function clickInModal(
  kontakt: TestApp,
  view: SentView,
  action: object,
  typed: Record<string, Typed> = {},
): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.update').length;
  const response = await kontakt.send.interactive(
    blockActions({
      actions: [{ action_ts: '1700000000.000100', ...action } as never],
      view: viewOutput({
        viewId: 'V0MODAL',
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        blocks: view.blocks,
        values: fillView(view, typed),
      }),
    }),
  );
  expect(response.status).toBe(200);
  return nextUpdate(kontakt, before);
}

/** "More details" in the new-contact modal: the modal with every field, keeping what was typed. */
export function moreDetails(kontakt: TestApp, view: SentView, typed: Record<string, Typed> = {}): Promise<SentView> {
  return clickInModal(
    kontakt,
    view,
    buttonAction({ actionId: ids.actions.contactMoreDetails, value: 'more', blockId: 'contact_more_details' }),
    typed,
  );
}

/** Picks a company in a person's modal (the typeahead's option); the modal is redrawn with what it inherits. */
export function pickCompany(
  kontakt: TestApp,
  view: SentView,
  company: { id: string; label: string },
  typed: Record<string, Typed> = {},
): Promise<SentView> {
  return clickInModal(
    kontakt,
    view,
    {
      type: 'external_select',
      action_id: ids.actions.companyPicker,
      block_id: field.companyId,
      selected_option: { text: { type: 'plain_text', text: company.label }, value: company.id },
    },
    { ...typed, [field.companyId]: company.id },
  );
}
