import { MAX_QUERY_LENGTH } from '../../schemas/search-query';
import { mergePickMetadataSchema } from '../../schemas/merge-modal';
import { decodeMetadata } from '../../schemas/view-metadata';
import { mergeCandidates } from '../../services/contacts/merge/merge.service';
import { slackActor } from '../../services/people/permissions.service';
import { contactOptions } from '../../views/contact/contact-option';
import { guardedOptions, workspaceIdOf, type OptionsArgs } from '../frame';

const SUGGESTIONS = 20;

/**
 * The typeahead of "Merge with…": contacts of the card's type, not the card's own, that the user may merge with
 * it. The card's id comes from the modal's private_metadata (re-checked by the service).
 */
export const suggestMergeCandidates = (args: OptionsArgs): Promise<void> =>
  guardedOptions(args, 'Merge typeahead', async () => {
    const typed = typeof args.body.value === 'string' ? args.body.value.slice(0, MAX_QUERY_LENGTH) : '';
    const view = (args.body as { view?: { private_metadata?: string } }).view;
    const metadata = decodeMetadata(mergePickMetadataSchema, view?.private_metadata);
    if (!metadata || typed.trim() === '') return { options: [] };
    const workspaceId = workspaceIdOf(args);
    const actor = slackActor(args.client, workspaceId, args.body.user.id);
    return contactOptions(
      await mergeCandidates({ workspaceId, actor, contactId: metadata.c, text: typed, limit: SUGGESTIONS }),
    );
  });
