import type { Translator } from '../../i18n';
import { getContactSetup } from '../setup/setup.service';
import { computedParts } from './contact-record';
import { getDraft, type ContactDraft } from './contact-draft.service';
import { getContact } from './contact.service';
import type { ContactSummary } from './contact.types';
import { findDuplicateCompanies, markSeparate } from './duplicate.service';

export type SeparateResult =
  { status: 'expired' } | { status: 'ok'; draft: ContactDraft; candidates: ContactSummary[] };

/**
 * "Not a duplicate" on the comparison shown before saving: the pair (the user's draft and the other company) is
 * silenced for good, and the draft's remaining duplicate companies are returned to redraw the comparison. Both
 * ids come from the payload: the draft must be the user's own and the other a company of the same workspace.
 */
export async function separateFromDraft(
  workspaceId: string,
  userId: string,
  draftContactId: string,
  otherId: unknown,
  /** The reader's: the companies left are listed in their language's alphabetical order (nb: Æ, Ø, Å after Z). */
  tr: Pick<Translator, 'compare'>,
): Promise<SeparateResult> {
  const [draft, other] = await Promise.all([
    getDraft(workspaceId, userId, draftContactId),
    getContact(workspaceId, otherId),
  ]);
  if (!draft || !other || other.type !== 'company') return { status: 'expired' };
  await markSeparate(workspaceId, draft.contactId, other.id, userId);
  const setup = await getContactSetup(workspaceId);
  const { search } = computedParts(
    { ...draft.input, companyId: null, no: '' },
    setup.defaults.phoneRegion,
    setup.duplicates.rows,
  );
  const candidates = await findDuplicateCompanies(workspaceId, search.dupKeys, setup.duplicates, draft.contactId, tr);
  return { status: 'ok', draft, candidates };
}
