import { ContactModel } from '../../models/contact.model';
import { suggestContacts } from './contact-search.service';
import { getContact } from './contact.service';
import type { Contact } from './contact.types';
import { branchesFor, mentionPipeline } from './mention/mention-query';
import {
  MAX_CANDIDATES,
  rankMentions,
  type FetchedContact,
  type MentionedContact,
  type MentionResult,
} from './mention/mention-rank';
import { readMessage } from './mention/message-reading';

export type { MentionedContact, MentionResult } from './mention/mention-rank';

/** However many branches the aggregate has, its answer is one batch: no getMore round trip. */
const BATCH = 2_000;
/** The modal waits for this; the trigger lasts 3 s and the message is worth opening without a guess. */
const MAX_TIME_MS = 1_000;
/** Enough search results to see past a company's persons to the next company. */
const SEARCH_LIMIT = 10;

/**
 * The contact a text names — by a distinctive word of its name, its search name, its No., a person's full name, or
 * an e-mail address or phone number in it — or the two or three it may mean. One database command (an aggregate of
 * index-backed branches, see mention-query.ts), bounded however long the text.
 */
export async function findMentionedContacts(workspaceId: string, text: string | undefined): Promise<MentionResult> {
  const reading = readMessage(text);
  const branches = branchesFor(reading);
  if (branches.length === 0) return { candidates: [] };
  const pipeline = mentionPipeline(workspaceId, ContactModel.collection.collectionName, reading, branches);
  const docs = await ContactModel.aggregate<FetchedContact>(pipeline as never[]).option({
    batchSize: BATCH,
    maxTimeMS: MAX_TIME_MS,
  });
  return rankMentions(reading, branches, docs);
}

/**
 * `/contact log <text>`: the text is meant as a contact, so what the message reading does not settle is searched
 * the way `/contact search` does (prefixes too: "nord" finds Nordlys Maskin AS). The best-ranked contact is picked
 * when it is the only one of its rank, after a company's own persons give way to it; two or three are offered.
 */
export async function findContactsNamedBy(workspaceId: string, userId: string, text: string): Promise<MentionResult> {
  const mentioned = await findMentionedContacts(workspaceId, text);
  if (mentioned.picked || mentioned.candidates.length > 0) return mentioned;
  const found = await suggestContacts(workspaceId, userId, text, { limit: SEARCH_LIMIT });
  const companies = new Set(found.filter((contact) => contact.type === 'company').map((contact) => contact.name));
  // "nordlys" finds Nordlys Maskin AS and, through its name, each of its persons: the company is meant.
  const ranked = found.filter((contact) => contact.type === 'company' || !companies.has(contact.companyName ?? ''));
  const best = ranked.filter((contact) => contact.tier === ranked[0]?.tier).map(asMentioned);
  if (best.length === 1) {
    const contact = await getContact(workspaceId, (best[0] as MentionedContact).id);
    return contact && !contact.privacyBlocked ? { picked: asMentioned(contact), candidates: [] } : { candidates: [] };
  }
  return { candidates: best.length <= MAX_CANDIDATES ? best : [] };
}

function asMentioned(
  contact: Pick<Contact, 'id' | 'no' | 'type' | 'name' | 'companyName'> & { companyId?: string | null },
): MentionedContact {
  return {
    id: contact.id,
    no: contact.no,
    type: contact.type,
    name: contact.name,
    companyId: contact.companyId ?? null,
    ...(contact.companyName ? { companyName: contact.companyName } : {}),
  };
}
