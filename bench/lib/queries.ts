/**
 * The questions the search benchmark asks, built from contacts that were really seeded: the kinds of `/contact`
 * searches salespeople type, and what they type into a contact or company picker.
 */
import { Random } from './random';
import type { SeededContact } from './seed';

export const SEARCH_KINDS = [
  'no-search',
  'no-bare',
  'name-prefix',
  'company-name',
  'misspelled',
  'norwegian-letters',
  'phone',
  'city-filter',
  'two-words',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const PICKER_KINDS = ['company_picker', 'contact_picker'] as const;
export type PickerKind = (typeof PICKER_KINDS)[number];

export interface SearchQuery {
  kind: SearchKind;
  /** The slash command's text, as typed after `/contact`. */
  text: string;
}

export interface PickerQuery {
  kind: PickerKind;
  /** What the user has typed into the select so far. */
  value: string;
}

const NORWEGIAN = /[æøåÆØÅ]/;

function asciiVariant(word: string, random: Random): string {
  // The spellings people type without a Norwegian keyboard: ø → o / oe, å → a / aa, æ → ae.
  return word
    .toLowerCase()
    .replace(/ø/g, () => (random.chance(0.7) ? 'o' : 'oe'))
    .replace(/å/g, () => (random.chance(0.7) ? 'a' : 'aa'))
    .replace(/æ/g, 'ae');
}

/** One letter replaced (never the first, never by itself): `Johansen` → `Johamsen`. */
function misspell(word: string, random: Random): string {
  const at = random.int(1, word.length - 1);
  const letters = 'abcdefghijklmnoprstuvy';
  let replacement = word[at] as string;
  while (replacement.toLowerCase() === (word[at] as string).toLowerCase()) replacement = random.pick([...letters]);
  return word.slice(0, at) + replacement + word.slice(at + 1);
}

function prefix(word: string, random: Random, min: number, max: number): string {
  return word.slice(0, Math.min(word.length, random.int(min, max)));
}

/** `+47 912 34 567` → `912 34 567` (national digits, as people read them out). */
function nationalPhone(phone: string): string {
  return phone.replace(/^\+47\s*/, '');
}

export class QueryMaker {
  private readonly random: Random;
  private readonly norwegianWords: string[];
  private readonly longNames: string[];

  constructor(
    private readonly samples: { companies: SeededContact[]; persons: SeededContact[] },
    private readonly contactCount: number,
    seed: number,
  ) {
    this.random = new Random(seed);
    if (samples.companies.length === 0 || samples.persons.length === 0)
      throw new Error('No seeded contacts to build queries from');
    const words = [...samples.persons, ...samples.companies].flatMap((c) => [
      c.firstName,
      c.surname,
      c.city,
      ...(c.type === 'company' ? c.name.split(' ') : []),
    ]);
    this.norwegianWords = [
      ...new Set(
        words.filter((w): w is string => Boolean(w && NORWEGIAN.test(w) && w.length >= 4 && !w.includes(' '))),
      ),
    ];
    this.longNames = [
      ...new Set(
        samples.persons
          .flatMap((p) => [p.firstName, p.surname])
          .filter((w): w is string => Boolean(w && w.length >= 6 && /^\p{L}+$/u.test(w))),
      ),
    ];
  }

  private person(): SeededContact {
    return this.random.pick(this.samples.persons);
  }

  private company(): SeededContact {
    return this.random.pick(this.samples.companies);
  }

  private contactNo(): string {
    return `CT${String(this.random.int(1, this.contactCount)).padStart(6, '0')}`;
  }

  search(kind: SearchKind): SearchQuery {
    const r = this.random;
    switch (kind) {
      case 'no-search':
        return { kind, text: `search ${this.contactNo()}` };
      case 'no-bare':
        return { kind, text: this.contactNo() };
      case 'name-prefix': {
        const p = this.person();
        return { kind, text: `search ${prefix((r.chance(0.5) ? p.surname : p.firstName) ?? p.name, r, 3, 5)}` };
      }
      case 'company-name':
        return { kind, text: `search ${this.company().name}` };
      case 'misspelled':
        return { kind, text: `search ${misspell(r.pick(this.longNames), r)}` };
      case 'norwegian-letters':
        return { kind, text: `search ${asciiVariant(r.pick(this.norwegianWords), r)}` };
      case 'phone': {
        const c = r.chance(0.5) ? this.company() : this.person();
        const phone = c.mobile ?? c.phone ?? (this.company().phone as string);
        return { kind, text: `search ${nationalPhone(phone)}` };
      }
      case 'city-filter': {
        const city = (this.company().city ?? 'Bergen').toLowerCase();
        return { kind, text: `search type:company city:${city.includes(' ') ? `"${city}"` : city}` };
      }
      case 'two-words': {
        const p = this.person();
        return { kind, text: `search ${r.chance(0.5) ? `${p.firstName} ${p.surname}` : `${p.surname} ${p.city}`}` };
      }
    }
  }

  picker(kind: PickerKind): PickerQuery {
    const r = this.random;
    if (kind === 'company_picker') return { kind, value: prefix(this.company().name.split(' ')[0] as string, r, 3, 6) };
    const p = this.person();
    const word = r.chance(0.5) ? p.firstName : p.surname;
    return { kind, value: prefix(word ?? p.name, r, 3, 6) };
  }

  /** `perKind` searches of every kind and `perPicker` typeahead requests of each picker, shuffled together. */
  plan(perKind: number, perPicker: number): (SearchQuery | PickerQuery)[] {
    const items: (SearchQuery | PickerQuery)[] = [];
    for (const kind of SEARCH_KINDS) for (let i = 0; i < perKind; i += 1) items.push(this.search(kind));
    for (const kind of PICKER_KINDS) for (let i = 0; i < perPicker; i += 1) items.push(this.picker(kind));
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.random.next() * (i + 1));
      [items[i], items[j]] = [items[j] as SearchQuery | PickerQuery, items[i] as SearchQuery | PickerQuery];
    }
    return items;
  }
}

export function isPicker(query: SearchQuery | PickerQuery): query is PickerQuery {
  return 'value' in query;
}
