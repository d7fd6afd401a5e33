import { t } from '../../i18n';
import { decodeMetadata, duplicatesMetadataSchema, encodeMetadata } from '../../schemas/view-metadata';
import { getDraft } from '../../services/contacts/contact-draft.service';
import { getContact } from '../../services/contacts/contact.service';
import { findDuplicateCompanies, markSeparate } from '../../services/contacts/duplicate.service';
import { computedParts } from '../../services/contacts/contact-record';
import { getContactSetup } from '../../services/setup/setup.service';
import { workspaceOf } from '../../services/workspace';
import { duplicatesModal } from '../../views/contact/duplicates-modal.view';
import { noticeModal } from '../../views/notice.modal';
import { contactCardView } from '../shared/contact-card';
import type { ButtonArgs } from './action-args';

/** "Open existing": the existing company's card replaces the comparison (Back returns to the form). */
export async function openExisting(args: ButtonArgs): Promise<void> {
  await args.ack();
  const view = args.body.view;
  if (!view) return;
  try {
    const card = await contactCardView(args.client, workspaceOf(args.context), args.body.user.id, args.action.value);
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: card ?? noticeModal({ title: t('contact.duplicates.title'), text: t('contact.error.gone') }),
    });
  } catch (error) {
    args.logger.warn(`Opening an existing contact failed: ${(error as Error).message}`);
  }
}

/** "Not a duplicate": remembers the pair for good and redraws the comparison without that company. */
export async function markNotDuplicate(args: ButtonArgs): Promise<void> {
  await args.ack();
  const view = args.body.view;
  if (!view) return;
  try {
    const workspaceId = workspaceOf(args.context);
    const userId = args.body.user.id;
    const metadata = decodeMetadata(duplicatesMetadataSchema, view.private_metadata);
    const draft = metadata && (await getDraft(workspaceId, userId, metadata.contactId));
    const other = await getContact(workspaceId, args.action.value);
    if (!draft || !other || other.type !== 'company') {
      await args.client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: noticeModal({ title: t('contact.duplicates.title'), text: t('contact.error.formExpired') }),
      });
      return;
    }
    await markSeparate(workspaceId, draft.contactId, other.id, userId);
    const setup = await getContactSetup(workspaceId);
    const { search } = computedParts(
      { ...draft.input, companyId: null, no: '' },
      setup.defaults.phoneRegion,
      setup.duplicates.rows,
    );
    const candidates = await findDuplicateCompanies(workspaceId, search.dupKeys, setup.duplicates, draft.contactId);
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: duplicatesModal({
        draft: draft.input,
        candidates,
        privateMetadata: encodeMetadata({ contactId: draft.contactId }),
      }),
    });
  } catch (error) {
    args.logger.warn(`Marking a pair as not duplicates failed: ${(error as Error).message}`);
  }
}
