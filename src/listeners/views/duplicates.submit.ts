import type { Translator } from '../../i18n';
import { decodeMetadata, duplicatesMetadataSchema } from '../../schemas/view-metadata';
import { deleteDraft, getDraft } from '../../services/contacts/contact-draft.service';
import { createContact, updateContact } from '../../services/contacts/contact.service';
import { slackActor } from '../../services/people/permissions.service';
import { noticeModal } from '../../views/notice.modal';
import { guardedSubmit, trOf, workspaceIdOf, type ViewAck, type ViewArgs } from '../frame';
import { refreshHomes } from '../shared/home';
import { confirmSaved } from '../shared/confirm-saved';

/** The comparison has no input to hang an inline error on: its answers replace it with a notice. */
const noticeIn =
  (tr: Translator) =>
  (text: string): ViewAck => ({
    response_action: 'update',
    view: noticeModal({ title: tr.t('contact.duplicates.title'), text }),
  });

/** "Save anyway" on the duplicates comparison: saves the user's draft and closes every view. */
export function submitDuplicates(args: ViewArgs): Promise<void> {
  const { body, view, client, logger } = args;
  const notice = noticeIn(trOf(args));
  return guardedSubmit(args, 'Saving a contact past its duplicates', notice, async () => {
    const userId = body.user.id;
    const workspaceId = workspaceIdOf(args);
    const metadata = decodeMetadata(duplicatesMetadataSchema, view.private_metadata);
    const draft = metadata && (await getDraft(workspaceId, userId, metadata.contactId));
    const tr = trOf(args);
    if (!draft) return { ack: notice(tr.t('contact.error.formExpired')) };
    const result =
      draft.mode === 'create'
        ? await createContact({
            workspaceId,
            userId,
            input: draft.input,
            id: draft.contactId,
            ignoreDuplicates: true,
            tr,
          })
        : await updateContact({
            workspaceId,
            actor: slackActor(client, workspaceId, userId),
            contactId: draft.contactId,
            version: draft.version ?? -1,
            input: draft.input,
            ignoreDuplicates: true,
            tr,
          });
    if (result.status !== 'saved') {
      // Something changed while the comparison was open (number taken, contact edited): say what.
      const reason =
        result.status === 'invalid' ? Object.values(result.errors).join(' ') : tr.t('contact.error.formExpired');
      return { ack: notice(reason) };
    }
    return {
      ack: { response_action: 'clear' },
      after: async () => {
        await deleteDraft(workspaceId, userId, draft.contactId);
        if (result.repeated) return;
        refreshHomes(args, [userId]);
        await confirmSaved({
          client,
          logger,
          workspaceId,
          userId,
          channelId: draft.channelId,
          contact: result.contact,
          created: draft.mode === 'create',
          tr: trOf(args),
        });
      },
    };
  });
}
