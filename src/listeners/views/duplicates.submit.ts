import { t } from '../../i18n';
import { decodeMetadata, duplicatesMetadataSchema } from '../../schemas/view-metadata';
import { deleteDraft, getDraft } from '../../services/contacts/contact-draft.service';
import { createContact, updateContact } from '../../services/contacts/contact.service';
import { slackActor } from '../../services/people/permissions.service';
import { workspaceOf } from '../../services/workspace';
import { noticeModal } from '../../views/notice.modal';
import { confirmSaved } from '../shared/confirm-saved';
import type { ViewArgs } from './contact-modal.submit';

/** "Save anyway" on the duplicates comparison: saves the user's draft and closes every view. */
export async function submitDuplicates({ ack, body, view, client, context, logger }: ViewArgs): Promise<void> {
  const userId = body.user.id;
  const notice = (key: 'contact.error.formExpired' | 'error.tryAgain') =>
    ack({ response_action: 'update', view: noticeModal({ title: t('contact.duplicates.title'), text: t(key) }) });
  try {
    const workspaceId = workspaceOf(context);
    const metadata = decodeMetadata(duplicatesMetadataSchema, view.private_metadata);
    const draft = metadata && (await getDraft(workspaceId, userId, metadata.contactId));
    if (!draft) return void (await notice('contact.error.formExpired'));
    const result =
      draft.mode === 'create'
        ? await createContact({ workspaceId, userId, input: draft.input, id: draft.contactId, ignoreDuplicates: true })
        : await updateContact({
            workspaceId,
            actor: slackActor(client, workspaceId, userId),
            contactId: draft.contactId,
            version: draft.version ?? -1,
            input: draft.input,
            ignoreDuplicates: true,
          });
    if (result.status !== 'saved') {
      // Something changed while the comparison was open (number taken, contact edited): back to the form.
      const reason =
        result.status === 'invalid' ? Object.values(result.errors).join(' ') : t('contact.error.formExpired');
      return void (await ack({
        response_action: 'update',
        view: noticeModal({ title: t('contact.duplicates.title'), text: reason }),
      }));
    }
    await ack({ response_action: 'clear' });
    await deleteDraft(workspaceId, userId, draft.contactId);
    if (result.repeated) return;
    await confirmSaved({
      client,
      logger,
      workspaceId,
      userId,
      channelId: draft.channelId,
      contact: result.contact,
      created: draft.mode === 'create',
    });
  } catch (error) {
    logger.error(`Saving a contact past its duplicates failed: ${(error as Error).message}`);
    await notice('error.tryAgain');
  }
}
