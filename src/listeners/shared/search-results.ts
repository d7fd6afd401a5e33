import { MAX_QUERY_LENGTH, parseSearch } from '../../schemas/search-query';
import { searchContacts } from '../../services/contacts/contact-search.service';
import { searchResultsMessage } from '../../views/contact/search-results.message';

const SEARCH_PAGE_SIZE = 10;

/**
 * One page of results for what the user typed (text and filters) as an ephemeral message. The Previous / Next
 * buttons carry the same typed text back, so every page is the same search.
 */
export async function showSearchResults(request: { workspaceId: string; userId: string; typed: string; page: number }) {
  return (await searchWithResults(request)).message;
}

/** The search's outcome with its message, for callers that act on the best match. */
export async function searchWithResults(request: { workspaceId: string; userId: string; typed: string; page: number }) {
  const typed = request.typed.trim().slice(0, MAX_QUERY_LENGTH);
  const search = parseSearch(typed);
  const outcome = await searchContacts(
    { workspaceId: request.workspaceId, userId: request.userId, text: search.text, filters: search.filters },
    { wanted: (request.page + 1) * SEARCH_PAGE_SIZE },
  );
  const message = searchResultsMessage({
    query: typed,
    outcome,
    page: request.page,
    pageSize: SEARCH_PAGE_SIZE,
    problems: search.problems,
  });
  return { outcome, message };
}
