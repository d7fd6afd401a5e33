import { MAX_QUERY_LENGTH, parseSearch } from '../../schemas/search-query';
import { searchContacts } from '../../services/contacts/contact-search.service';
import type { Translator } from '../../i18n';
import { searchResultsMessage } from '../../views/contact/search-results.message';

const SEARCH_PAGE_SIZE = 10;

/**
 * One page of results for what the user typed (text and filters) as an ephemeral message. The Previous / Next
 * buttons carry the same typed text back, so every page is the same search.
 */
export interface SearchRequest {
  workspaceId: string;
  userId: string;
  tr: Translator;
  typed: string;
  page: number;
}

export async function showSearchResults(request: SearchRequest) {
  return (await searchWithResults(request)).message;
}

/** The search's outcome with its message, for callers that act on the best match. */
export async function searchWithResults(request: SearchRequest) {
  const typed = request.typed.trim().slice(0, MAX_QUERY_LENGTH);
  const search = parseSearch(typed);
  const outcome = await searchContacts(
    { workspaceId: request.workspaceId, userId: request.userId, text: search.text, filters: search.filters },
    { wanted: (request.page + 1) * SEARCH_PAGE_SIZE },
  );
  const message = searchResultsMessage({
    tr: request.tr,
    query: typed,
    outcome,
    page: request.page,
    pageSize: SEARCH_PAGE_SIZE,
    problems: search.problems,
    unknownFilters: search.unknownFilters,
    // What was searched for may be a contact nobody has added yet.
    create: { name: search.text, type: search.filters.type ?? 'company' },
  });
  return { outcome, message };
}
