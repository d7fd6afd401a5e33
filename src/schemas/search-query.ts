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
}

// key:value or key:"quoted value"; an escaped mention (<@U123|name>) is one value.
const filterPattern = /\b(type|city|owner|industry):(?:"([^"]*)"|(<@[^>]+>|\S+))/gi;

/** Splits `bergen pumps type:company city:"mo i rana" owner:<@U123|kari>` into text and filters. */
export function parseSearch(input: unknown): ParsedSearch {
  const raw = (typeof input === 'string' ? input : '').slice(0, MAX_QUERY_LENGTH * 4);
  const problems: string[] = [];
  const filters: Record<string, string> = {};
  const text = raw.replace(
    filterPattern,
    (_whole, key: string, quoted: string | undefined, plain: string | undefined) => {
      const name = key.toLowerCase();
      let value = (quoted ?? plain ?? '').trim();
      if (name === 'owner') {
        const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(value) ?? /^@?([UW][A-Z0-9]{2,20})$/.exec(value);
        if (!mention) {
          problems.push(`owner:${value.slice(0, 30)}`);
          return ' ';
        }
        value = mention[1] as string;
      }
      if (name === 'type')
        value = value
          .toLowerCase()
          .replace(/^companies$/, 'company')
          .replace(/^(people|persons)$/, 'person');
      filters[name] = value;
      return ' ';
    },
  );
  const parsed = searchFiltersSchema.safeParse(filters);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${String(issue.path[0])}:${String(filters[String(issue.path[0])]).slice(0, 30)}`);
  }
  const valid = parsed.success
    ? parsed.data
    : searchFiltersSchema.parse(
        Object.fromEntries(
          Object.entries(filters).filter(([key]) => !parsed.error.issues.some((i) => i.path[0] === key)),
        ),
      );
  return { text: text.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH), filters: valid, problems };
}
