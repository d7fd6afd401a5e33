import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { foldText } from '../search/fold';
import { toContact } from './contact-record';
import type { Contact } from './contact.types';
import { live } from './live';

const SCAN_CHARS = 2_000;
const MAX_PHRASES = 400;
const MAX_WORDS = 4;

/** Word runs of one to four words: the ways a contact's name can stand in a sentence. */
function namePhrases(text: string): string[] {
  const words = foldText(text.slice(0, SCAN_CHARS)).split(' ').filter(Boolean);
  const phrases = new Set<string>();
  for (let start = 0; start < words.length && phrases.size < MAX_PHRASES; start += 1) {
    for (let length = 1; length <= MAX_WORDS && start + length <= words.length; length += 1) {
      phrases.add(words.slice(start, start + length).join(' '));
    }
  }
  return [...phrases].filter((phrase) => phrase.length >= 3);
}

/**
 * The one contact a message names — by No. (`CT000042`) or by its exact name ("Met Nordlys Maskin AS today").
 * Undefined when it names none, or more than one (then the user picks). One indexed query.
 */
export async function findMentionedContact(
  workspaceId: string,
  text: string | undefined,
): Promise<Contact | undefined> {
  if (!text) return undefined;
  const numbers = [
    ...new Set((text.slice(0, SCAN_CHARS).match(/\b[A-Za-z]{1,10}\d{3,12}\b/g) ?? []).map((no) => no.toUpperCase())),
  ].slice(0, 20);
  const phrases = namePhrases(text);
  if (numbers.length === 0 && phrases.length === 0) return undefined;
  const byNo = numbers.length
    ? await ContactModel.find({ workspaceId, no: { $in: numbers }, ...live })
        .limit(2)
        .lean<ContactDocument[]>()
    : [];
  if (byNo.length === 1) return toContact(byNo[0]!);
  if (byNo.length > 1) return undefined;
  const byName = phrases.length
    ? await ContactModel.find({ workspaceId, 'search.nameKey': { $in: phrases }, ...live })
        .limit(2)
        .lean<ContactDocument[]>()
    : [];
  return byName.length === 1 ? toContact(byName[0]!) : undefined;
}
