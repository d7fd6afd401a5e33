import { duplicateSeparateValue } from '../../schemas/button-values';
import { mergeForm, mergeStart, undoMerge } from '../../services/contacts/merge/merge.service';
import { actorMayManageContact, slackActor } from '../../services/people/permissions.service';
import { encodeMetadata } from '../../schemas/view-metadata';
import { mergePickModal } from '../../views/contact/merge-pick.view';
import { ids } from '../../ids';
import { withMergeNotice } from '../../views/contact/merge-modal.view';
import {
  guarded,
  kontaktOf,
  openOrPush,
  tell,
  trOf,
  workspaceIdOf,
  type ButtonArgs,
  type OverflowArgs,
} from '../frame';
import { contactCardView } from '../shared/contact-card';
import { mergeModalFor, mergeRefusalText, undoResultText } from '../shared/merge';

/**
 * "Merge…" on a pair of `/contact duplicates` or on a card's "Possible duplicate of" line: the field-by-field
 * merge modal. The two ids come from the button: the service re-checks them (workspace, live, type, rights).
 */
export const openMerge = (args: ButtonArgs) =>
  guarded(args, 'Opening the merge form', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const pair = duplicateSeparateValue.decode(args.action.value);
    const actor = slackActor(args.client, workspaceId, args.body.user.id);
    const form = pair
      ? await mergeForm({ workspaceId, actor, firstId: pair.a, secondId: pair.b })
      : ({ status: 'gone' } as const);
    if (form.status !== 'ok') return tell(args, mergeRefusalText(tr, form));
    await openOrPush(args, mergeModalFor(tr, form));
  });

/**
 * "Merge with…" in the card's ⋯ menu (admins and the contact's salesperson): the modal that picks the other
 * contact. The id comes from the menu entry: re-checked here (workspace, live, the actor's right) and again when
 * the pick is submitted.
 */
export async function openMergePick(args: ButtonArgs | OverflowArgs, contactId: string): Promise<void> {
  const tr = trOf(args);
  const workspaceId = workspaceIdOf(args);
  const contact = await mergeStart(workspaceId, contactId);
  if (!contact) return tell(args, tr.t('merge.error.gone'));
  const actor = slackActor(args.client, workspaceId, args.body.user.id);
  if (!(await actorMayManageContact(actor, contact))) return tell(args, tr.t('merge.error.refused'));
  await openOrPush(args, mergePickModal({ tr, contact, privateMetadata: encodeMetadata({ c: contact.id }) }));
}

/** "Undo merge": on the kept card it redraws the card (now without the merged contact's records), else it says so. */
export const undoMergeClick = (args: ButtonArgs) =>
  guarded(args, 'Undoing a merge', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const userId = args.body.user.id;
    const result = await undoMerge({
      workspaceId,
      actor: slackActor(args.client, workspaceId, userId),
      mergeRecordId: args.action.value,
    });
    const text = undoResultText(tr, result);
    const view = args.body.view;
    if (result.status === 'undone' && view?.callback_id === ids.views.contactCardModal) {
      const card = await contactCardView(args.client, workspaceId, userId, result.merge.keepId, tr, {
        register: kontaktOf(args.context).register,
      });
      if (card) {
        await args.client.views.update({
          view_id: view.id,
          hash: view.hash,
          view: withMergeNotice(card, { tr, text }),
        });
        return;
      }
    }
    if (result.status === 'undone' && !view && args.respond) {
      await args.respond({ response_type: 'ephemeral', replace_original: true, text });
      return;
    }
    await tell(args, text);
  });
