import { t } from '../../i18n';
import { searchPageValue } from '../../schemas/button-values';
import { guarded, tell, workspaceIdOf, type ButtonArgs } from '../frame';
import { showSearchResults } from '../shared/search-results';

/** Previous / Next under search results: the same search, another page, replacing the message in place. */
export function turnSearchPage(args: ButtonArgs): Promise<void> {
  return guarded(args, 'Search paging', async () => {
    const value = searchPageValue.decode(args.action.value);
    if (!value) return tell(args, t('search.error.badPage'));
    const message = await showSearchResults({
      workspaceId: workspaceIdOf(args),
      userId: args.body.user.id,
      typed: value.query,
      page: value.page,
    });
    await args.respond({ response_type: 'ephemeral', replace_original: true, ...message });
  });
}
