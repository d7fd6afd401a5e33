import { searchCreateValue, searchPageValue } from '../../schemas/button-values';
import { type ButtonArgs, guarded, kontaktOf, tell, trOf, workspaceIdOf } from '../frame';
import { openContactModal } from '../shared/contact-modal';
import { showSearchResults } from '../shared/search-results';

/** Previous / Next under search results: the same search, another page, replacing the message in place. */
export function turnSearchPage(args: ButtonArgs): Promise<void> {
  return guarded(args, 'Search paging', async () => {
    const value = searchPageValue.decode(args.action.value);
    if (!value) return tell(args, trOf(args).t('search.error.badPage'));
    const message = await showSearchResults({
      workspaceId: workspaceIdOf(args),
      userId: args.body.user.id,
      tr: trOf(args),
      typed: value.query,
      page: value.page,
    });
    await args.respond({ response_type: 'ephemeral', replace_original: true, ...message });
  });
}

/** "Create 'xyzzy'" under a search that found nothing: the new-contact modal with that name filled in. */
export function createFromSearch(args: ButtonArgs): Promise<void> {
  return guarded(args, 'Creating a contact from a search', async () => {
    const value = searchCreateValue.decode(args.action.value);
    await openContactModal(args.client, args.body.trigger_id, {
      workspaceId: workspaceIdOf(args),
      userId: args.body.user.id,
      tr: trOf(args),
      type: value?.type ?? 'company',
      name: value?.name,
      channelId: args.body.channel?.id,
      register: kontaktOf(args.context).register.enabled,
    });
  });
}
