import { z } from 'zod';
import type { DateRange } from '../services/calendar';
import { MAX_QUERY_LENGTH } from './search-query';

/**
 * The values Kontakt puts on buttons that carry more than an id, each with its one encoder and decoder side by
 * side. What comes back is untrusted: ids in it are re-checked against the workspace by the listener's service.
 */

function decodeJson<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Slack caps a button value at 2000 characters; the query is cut well below that. */
const QUERY_IN_BUTTON = 200;

const searchPageSchema = z.object({ q: z.string().max(MAX_QUERY_LENGTH), p: z.number().int().min(0).max(1_000) });

/** Previous / Next under search results: the same typed search, another page. */
export const searchPageValue = {
  encode: (query: string, page: number): string =>
    JSON.stringify({ q: [...query].slice(0, QUERY_IN_BUTTON).join(''), p: page }),
  decode: (value: unknown): { query: string; page: number } | undefined => {
    const parsed = decodeJson(searchPageSchema, value);
    return parsed && { query: parsed.q, page: parsed.p };
  },
};

const searchCreateSchema = z.object({ n: z.string().trim().min(1).max(100), t: z.enum(['company', 'person']) });

/** "Create 'xyzzy'" under a search that found nothing: the name to fill in and the type to start with. */
export const searchCreateValue = {
  encode: (name: string, type: 'company' | 'person'): string =>
    JSON.stringify({ n: [...name].slice(0, 100).join(''), t: type }),
  decode: (value: unknown): { name: string; type: 'company' | 'person' } | undefined => {
    const parsed = decodeJson(searchCreateSchema, value);
    return parsed && { name: parsed.n, type: parsed.t };
  },
};

const visitPageSchema = z.object({ c: z.string().min(1).max(100), p: z.number().int().min(0).max(100_000) });

/** Previous / Next in a contact's visit history: `{"c": contactId, "p": page}` (0-based). */
export const visitPageValue = {
  encode: (contactId: string, page: number): string => JSON.stringify({ c: contactId, p: page }),
  decode: (value: unknown): { contactId: string; page: number } | undefined => {
    const parsed = decodeJson(visitPageSchema, value);
    return parsed && { contactId: parsed.c, page: parsed.p };
  },
};

const objectIdPattern = '[0-9a-f]{24}';
const contactMenuPattern = new RegExp(
  `^(edit|person|share|register|privacy|merge|delete|history):(${objectIdPattern})$`,
);

/**
 * `history`: the contact's changes (the change log), opened from the Personal data modal or an old menu. `merge`:
 * "Merge with…". `person`: Add person, in menus drawn before it moved beside a company's persons.
 */
export type ContactMenuVerb = 'edit' | 'person' | 'share' | 'register' | 'privacy' | 'merge' | 'delete' | 'history';

/** An entry of a contact card's ⋯ menu: `edit:<contactId>` (Slack caps an option value at 75 characters). */
export const contactMenuValue = {
  encode: (verb: ContactMenuVerb, contactId: string): string => `${verb}:${contactId}`,
  decode: (value: unknown): { verb: ContactMenuVerb; contactId: string } | undefined => {
    const match = typeof value === 'string' ? contactMenuPattern.exec(value) : null;
    return match ? { verb: match[1] as ContactMenuVerb, contactId: match[2] as string } : undefined;
  },
};

const visitMenuPattern = new RegExp(`^(view|edit|cancel):(${objectIdPattern}):(${objectIdPattern})$`);

export type VisitMenuVerb = 'view' | 'edit' | 'cancel';

/** An entry of a visit line's ⋯ menu: `cancel:<visitId>:<contactId of the card it is on>`. */
export const visitMenuValue = {
  encode: (verb: VisitMenuVerb, visitId: string, contactId: string): string => `${verb}:${visitId}:${contactId}`,
  decode: (value: unknown): { verb: VisitMenuVerb; visitId: string; contactId: string } | undefined => {
    const match = typeof value === 'string' ? visitMenuPattern.exec(value) : null;
    return match
      ? { verb: match[1] as VisitMenuVerb, visitId: match[2] as string, contactId: match[3] as string }
      : undefined;
  },
};

const visitCancelPattern = new RegExp(`^(${objectIdPattern})(?::(${objectIdPattern}))?$`);

/** "Cancel visit" under the card's question: `visitId:contactId`; a bare visit id comes from older cards. */
export const visitCancelValue = {
  encode: (visitId: string, contactId: string): string => `${visitId}:${contactId}`,
  decode: (value: unknown): { visitId: string; contactId?: string } | undefined => {
    const match = typeof value === 'string' ? visitCancelPattern.exec(value) : null;
    if (!match) return undefined;
    return match[2] ? { visitId: match[1] as string, contactId: match[2] } : { visitId: match[1] as string };
  },
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const openWeekSchema = z.object({ u: z.string().regex(/^[UW][A-Z0-9]{1,30}$/), f: isoDate, t: isoDate });
const openTeamSchema = z.object({ f: isoDate, t: isoDate });

/** "Open week" beside a salesperson in the team report (and the digest): their visits in that period. */
export const openWeekValue = {
  encode: (userId: string, range: DateRange): string => JSON.stringify({ u: userId, f: range.from, t: range.to }),
  decode: (value: unknown): { userId: string; range: DateRange } | undefined => {
    const parsed = decodeJson(openWeekSchema, value);
    return parsed && { userId: parsed.u, range: { from: parsed.f, to: parsed.t } };
  },
};

/** "Open the full report" under the digest: the team's visits in the digest's week. */
export const openTeamValue = {
  encode: (range: DateRange): string => JSON.stringify({ f: range.from, t: range.to }),
  decode: (value: unknown): DateRange | undefined => {
    const parsed = decodeJson(openTeamSchema, value);
    return parsed && { from: parsed.f, to: parsed.t };
  },
};

const duplicateSeparatePattern = new RegExp(`^(${objectIdPattern}):(${objectIdPattern}):(\\d{1,4})$`);

/** "Not duplicates" in `/contact duplicates`: `a:b:page`, the pair and the page to redraw. */
export const duplicateSeparateValue = {
  encode: (a: string, b: string, page: number): string => `${a}:${b}:${page}`,
  decode: (value: unknown): { a: string; b: string; page: number } | undefined => {
    const match = typeof value === 'string' ? duplicateSeparatePattern.exec(value) : null;
    return match ? { a: match[1] as string, b: match[2] as string, page: Number(match[3]) } : undefined;
  },
};

/** Next / Previous and Check again in `/contact duplicates`: the page, 0-based. */
export const duplicatePageValue = {
  encode: (page: number): string => String(page),
  decode: (value: unknown): number | undefined =>
    typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : undefined,
};
