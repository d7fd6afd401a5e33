/**
 * Added to every query for contacts users see (search, typeahead, cards, mentions, duplicates, lists, export):
 * a deleted contact matches none of them. `null` also matches a missing field, which is how live contacts are
 * stored. The indexes that serve each query serve it with this filter too (see contact.model.ts).
 */
export const live = { deletedAt: null } as const;
