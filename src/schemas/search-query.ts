import { z } from 'zod';

/** Longest search text that is looked at; the rest of a pasted essay is ignored, not an error. */
export const MAX_QUERY_LENGTH = 200;

const searchFiltersSchema = z.object({
  type: z.enum(['company', 'person']).optional(),
  city: z.string().max(60).optional(),
  /** Slack user id of the salesperson. */
  owner: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,20}$/)
    .optional(),
  industry: z.string().toUpperCase().max(10).optional(),
});

export type SearchFilters = z.infer<typeof searchFiltersSchema>;

export interface ParsedSearch {
  text: string;
  filters: SearchFilters;
  /** Filter words that could not be understood, to tell the user. */
  problems: string[];
  /** `key:value` words whose key is no filter (`colour:red`): named to the user and left out of the search. */
  unknownFilters: string[];
}

/** Filter names in both languages: Norwegian users write `poststed:`/`by:`, `selger:` and `bransje:`. */
const FILTER_NAMES: Record<string, keyof SearchFilters> = {
  type: 'type',
  city: 'city',
  by: 'city',
  poststed: 'city',
  owner: 'owner',
  selger: 'owner',
  industry: 'industry',
  bransje: 'industry',
};

// key:value or key:"quoted value"; an escaped mention (<@U123|name>) is one value. `\b` is ASCII-only, so the
// start of a word is written as "start or whitespace" (kept in the replacement).
const filterPattern = /(^|\s)(type|city|by|poststed|owner|selger|industry|bransje):(?:"([^"]*)"|(<@[^>]+>|\S+))/gi;
/** Words with a colon that are not meant as filters: links and the like stay in the text. */
const NOT_FILTERS = new Set(['http', 'https', 'mailto', 'tel', 'www']);
// A word of letters, a colon, and a value (quoted, or up to the next space): what a filter looks like.
const filterLikePattern = /(^|\s)([a-zæøå]{2,20}):(?:"([^"]*)"|(\S+))/giu;

/** Splits `bergen pumps type:company city:"mo i rana" owner:<@U123|kari>` into text and filters. */
export function parseSearch(input: unknown): ParsedSearch {
  const raw = (typeof input === 'string' ? input : '').slice(0, MAX_QUERY_LENGTH * 4);
  const problems: string[] = [];
  const filters: Record<string, string> = {};
  /** The filter name as the user wrote it (`selger`), to name it back in a problem. */
  const typed: Record<string, string> = {};
  const text = raw.replace(
    filterPattern,
    (_whole, _start: string, key: string, quoted: string | undefined, plain: string | undefined) => {
      const name = FILTER_NAMES[key.toLowerCase()] ?? 'type';
      typed[name] = key.toLowerCase();
      let value = (quoted ?? plain ?? '').trim();
      if (name === 'owner') {
        const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(value) ?? /^@?([UW][A-Z0-9]{2,20})$/.exec(value);
        if (!mention) {
          problems.push(`${key.toLowerCase()}:${value.slice(0, 30)}`);
          return ' ';
        }
        value = mention[1] as string;
      }
      if (name === 'type')
        value = value
          .toLowerCase()
          .replace(/^(companies|firma|firmaer|selskap|selskaper)$/, 'company')
          .replace(/^(people|persons|personer)$/, 'person');
      filters[name] = value;
      return ' ';
    },
  );
  const parsed = searchFiltersSchema.safeParse(filters);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(
        `${typed[String(issue.path[0])] ?? String(issue.path[0])}:${String(filters[String(issue.path[0])]).slice(0, 30)}`,
      );
  }
  const valid = parsed.success
    ? parsed.data
    : searchFiltersSchema.parse(
        Object.fromEntries(
          Object.entries(filters).filter(([key]) => !parsed.error.issues.some((i) => i.path[0] === key)),
        ),
      );
  const unknownFilters: string[] = [];
  const rest = text.replace(
    filterLikePattern,
    (whole, space: string, key: string, quoted: string | undefined, plain: string | undefined) => {
      const name = key.toLowerCase();
      const value = quoted ?? plain ?? '';
      if (name in FILTER_NAMES || NOT_FILTERS.has(name) || value.startsWith('//')) return whole;
      unknownFilters.push(`${name}:${value.slice(0, 30)}`);
      return space;
    },
  );
  return {
    text: rest.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH),
    filters: valid,
    problems,
    unknownFilters,
  };
}
