import { decodeMetadata, duplicatesMetadataSchema, encodeMetadata } from '../../schemas/view-metadata';
import { separateFromDraft } from '../../services/contacts/draft-duplicates.service';
import { duplicatesModal } from '../../views/contact/duplicates-modal.view';
import { guarded, tell, trOf, workspaceIdOf, type ButtonArgs } from '../frame';
import { contactCardView } from '../shared/contact-card';

/** "Open existing": the existing company's card replaces the comparison (Back returns to the form). */
export const openExisting = (args: ButtonArgs) =>
  guarded(args, 'Opening an existing contact', async () => {
    const view = args.body.view;
    if (!view) return;
    const card = await contactCardView(
      args.client,
      workspaceIdOf(args),
      args.body.user.id,
      args.action.value,
      trOf(args),
    );
    if (!card)
      return tell(args, trOf(args).t('contact.error.gone'), { title: trOf(args).t('contact.duplicates.title') });
    await args.client.views.update({ view_id: view.id, hash: view.hash, view: card });
  });

/** "Not a duplicate": remembers the pair for good and redraws the comparison without that company. */
export const markNotDuplicate = (args: ButtonArgs) =>
  guarded(args, 'Marking a pair as not duplicates', async () => {
    const view = args.body.view;
    if (!view) return;
    const metadata = decodeMetadata(duplicatesMetadataSchema, view.private_metadata);
    const result =
      metadata &&
      (await separateFromDraft(
        workspaceIdOf(args),
        args.body.user.id,
        metadata.contactId,
        args.action.value,
        trOf(args),
      ));
    if (!result || result.status === 'expired') {
      return tell(args, trOf(args).t('contact.error.formExpired'), { title: trOf(args).t('contact.duplicates.title') });
    }
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: duplicatesModal({
        tr: trOf(args),
        draft: result.draft.input,
        candidates: result.candidates,
        privateMetadata: encodeMetadata({ contactId: result.draft.contactId }),
      }),
    });
  });
