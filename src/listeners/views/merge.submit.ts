import { ids } from '../../ids';
import { mergeMetadataSchema, mergePickMetadataSchema, readMergePick, readMergeState } from '../../schemas/merge-modal';
import { decodeMetadata } from '../../schemas/view-metadata';
import {
  BACKGROUND_MERGE_RECORDS,
  mergeContacts,
  mergeForm,
  type MergeSide,
} from '../../services/contacts/merge/merge.service';
import { slackActor } from '../../services/people/permissions.service';
import { notifyUser } from '../../slack/notify';
import { mergeDoneMessage, withMergeNotice } from '../../views/contact/merge-modal.view';
import { noticeModal } from '../../views/notice.modal';
import { errorsAck, guardedSubmit, kontaktOf, trOf, workspaceIdOf, type ViewArgs } from '../frame';
import { contactCardView } from '../shared/contact-card';
import { mergeDoneText, mergeModalFor, mergeRefusalText } from '../shared/merge';

const KEEP = ids.merge.blocks.keep;
const PICK = ids.merge.blocks.pick;

/**
 * "Merge with…" → Next: the picked contact and the card's (both ids untrusted) are checked by the merge service
 * (this workspace, live, not the same, one type, the actor's right); a refusal is an inline error under the
 * picker, else the field-by-field merge modal takes the picker's place.
 */
export function submitMergePick(args: ViewArgs): Promise<void> {
  const { body, view, client } = args;
  return guardedSubmit(args, 'Opening the merge form', PICK, async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const metadata = decodeMetadata(mergePickMetadataSchema, view.private_metadata);
    if (!metadata) return errorsAck({ [PICK]: tr.t('merge.error.gone') });
    const picked = readMergePick(view.state.values);
    if (!picked) return errorsAck({ [PICK]: tr.t('merge.error.pickMissing') });
    const actor = slackActor(client, workspaceId, body.user.id);
    const form = await mergeForm({ workspaceId, actor, firstId: metadata.c, secondId: picked });
    if (form.status === 'gone') return errorsAck({ [PICK]: tr.t('merge.pick.gone') });
    if (form.status !== 'ok') return errorsAck({ [PICK]: mergeRefusalText(tr, form) });
    return { ack: { response_action: 'update', view: mergeModalFor(tr, form) } };
  });
}

/**
 * Merge: every row is checked in one round (inline errors), the versions the form was drawn from are re-checked
 * by the service, then the merge runs and the modal turns into the kept contact's card with "Undo merge". A merge
 * with a lot to move runs after the answer and reports by DM.
 */
export function submitMerge(args: ViewArgs): Promise<void> {
  const { body, view, client, logger } = args;
  return guardedSubmit(args, 'Merging contacts', KEEP, async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const userId = body.user.id;
    const metadata = decodeMetadata(mergeMetadataSchema, view.private_metadata);
    if (!metadata) return errorsAck({ [KEEP]: tr.t('merge.error.gone') });
    const state = readMergeState(view.state.values);
    const errors: Record<string, string> = {};
    if (!state.keep) errors[KEEP] = tr.t('merge.error.keepMissing');
    for (const block of state.missing) errors[block] = tr.t('merge.error.missing');
    if (Object.keys(errors).length > 0) return errorsAck(errors);
    const keepA = state.keep === 'a';
    const keepId = keepA ? metadata.a : metadata.b;
    const mergeId = keepA ? metadata.b : metadata.a;
    const fields: Record<string, MergeSide> = {};
    for (const [field, side] of Object.entries(state.fields))
      fields[field] = (side === 'a') === keepA ? 'keep' : 'merge';
    const expectedVersions = keepA
      ? { keep: metadata.av, merge: metadata.bv }
      : { keep: metadata.bv, merge: metadata.av };
    const actor = slackActor(client, workspaceId, userId);
    const request = { workspaceId, actor, keepId, mergeId, fields, expectedVersions };

    const form = await mergeForm({ workspaceId, actor, firstId: keepId, secondId: mergeId, keepId });
    if (form.status !== 'ok') return errorsAck({ [KEEP]: mergeRefusalText(tr, form) });
    const stale = [form.keep, form.merge].find(
      (contact) => contact.version !== (contact.id === keepId ? expectedVersions.keep : expectedVersions.merge),
    );
    if (stale) return errorsAck({ [KEEP]: mergeRefusalText(tr, { status: 'stale', no: stale.no }) });

    if (form.records > BACKGROUND_MERGE_RECORDS) {
      const names = { keepNo: form.keep.no, mergeNo: form.merge.no };
      return {
        ack: {
          response_action: 'update',
          view: noticeModal({ title: tr.t('merge.title'), text: tr.t('merge.background', names) }),
        },
        after: async () => {
          const result = await mergeContacts(request);
          const message =
            result.status === 'merged'
              ? mergeDoneMessage({ tr, text: mergeDoneText(tr, result.merge), mergeRecordId: result.merge.id })
              : { text: tr.t('merge.failed', { ...names, reason: mergeRefusalText(tr, result) }) };
          await notifyUser(client, logger, { userId }, message);
        },
      };
    }

    const result = await mergeContacts(request);
    if (result.status !== 'merged') return errorsAck({ [KEEP]: mergeRefusalText(tr, result) });
    const card = await contactCardView(client, workspaceId, userId, keepId, tr, {
      register: kontaktOf(args.context).register,
    });
    const text = mergeDoneText(tr, result.merge);
    if (!card) return { ack: { response_action: 'update', view: noticeModal({ title: tr.t('merge.title'), text }) } };
    return {
      ack: {
        response_action: 'update',
        view: withMergeNotice(card, { tr, text, mergeRecordId: result.merge.id }),
      },
    };
  });
}
