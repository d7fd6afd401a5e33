import { z } from 'zod';
import { oppSetupSections } from '../services/opportunities/opportunity-setup.sections';
import { setupSections } from '../services/setup/setup.types';
import { optionalSlackPermalink } from './slack-permalink';

const objectId = z.string().regex(/^[0-9a-f]{24}$/i);
const channelId = z.string().regex(/^[CDG][A-Z0-9]{2,20}$/);

/**
 * The contact card a modal was opened from, to redraw it in place once the modal is saved: the card's contact,
 * and the card modal's view id or the response_url of the (ephemeral) message it is. The contact is re-checked
 * against the workspace; a response_url that is not Slack’s is ignored (slack/response-url.ts).
 */
export const cardHandleSchema = z.object({
  c: objectId,
  v: z
    .string()
    .regex(/^V[A-Z0-9]{2,30}$/)
    .optional(),
  u: z.string().max(500).optional(),
});
export type CardHandle = z.infer<typeof cardHandleSchema>;

/** What the contact modal remembers between opening and submitting. Untrusted on the way back: re-checked. */
export const contactModalMetadataSchema = z.object({
  mode: z.enum(['create', 'edit']),
  /** Create: the id reserved for the new contact. Edit: the contact being edited. */
  contactId: objectId,
  version: z.number().int().min(0).optional(),
  channelId: channelId.optional(),
  /** The card Edit or Add person was chosen on. */
  card: cardHandleSchema.optional(),
  /** A new contact's modal shows every field ("More details" was clicked). */
  more: z.boolean().optional(),
  /** A new person's inherited values are shown as inputs to change ("Change" was clicked), not as text. */
  own: z.boolean().optional(),
  /** A company picked in "Find in Enhetsregisteret" (see registerPickSchema). */
  reg: z.lazy(() => registerPickSchema).optional(),
});
export type ContactModalMetadata = z.infer<typeof contactModalMetadataSchema>;

/**
 * What the New company modal remembers of a register pick: the org.nr. (`o`) and the picker's option label (`l`),
 * the NACE code and description when setup has no industry group for it (`n`), or that the register did not
 * answer (`f`). Only ever shown back to the same user; the org.nr. is looked up again before anything uses it.
 */
export const registerPickSchema = z.object({
  o: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  l: z.string().max(100).optional(),
  n: z.object({ c: z.string().max(20), d: z.string().max(150).optional() }).optional(),
  f: z.boolean().optional(),
});
export type RegisterPick = z.infer<typeof registerPickSchema>;

/** "Update from the register": the company, the version it was compared at, and the card it was opened from. */
export const registerUpdateMetadataSchema = z.object({
  c: objectId,
  v: z.number().int().min(0),
  card: cardHandleSchema.optional(),
});

/** The duplicates view points at the user's draft of the contact. */
export const duplicatesMetadataSchema = z.object({ contactId: objectId });

/** Setup views remember the workspace and the setup version they were drawn from. */
export const setupMetadataSchema = z.object({
  workspaceId: z.string().min(1).max(40),
  version: z.number().int().min(0),
  section: z.enum(setupSections).optional(),
});

/** The interaction type modal: the setup version it was drawn from, the list it was opened over, the type edited. */
export const setupTypeMetadataSchema = z.object({
  workspaceId: z.string().min(1).max(40),
  version: z.number().int().min(0),
  listViewId: z.string().min(1).max(40),
  /** Absent: a new type. */
  code: z.string().min(1).max(20).optional(),
});

/**
 * A sales-opportunity section of setup or the sales cycle modal: the opportunity setup's version it was drawn from
 * (its own, not the rest of setup's), and for the cycle modal the list it was opened over and the cycle edited.
 */
export const oppSetupMetadataSchema = z.object({
  workspaceId: z.string().min(1).max(40),
  version: z.number().int().min(0),
  section: z.enum(oppSetupSections),
  listViewId: z.string().min(1).max(40).optional(),
  /** Absent: a new cycle. */
  code: z.string().min(1).max(20).optional(),
});

/** The log-visit modal remembers where it was opened from (the message) and, for an edit, which visit. */
export const visitModalMetadataSchema = z.object({
  mode: z.enum(['create', 'edit']),
  visitId: objectId.optional(),
  channelId: channelId.optional(),
  messageTs: z
    .string()
    .regex(/^\d{1,12}\.\d{1,8}$/)
    .optional(),
  /** A link that is not a Slack permalink is dropped; the visit is still saved, without it. */
  permalink: optionalSlackPermalink,
  /** The card a visit's Edit was chosen on. */
  card: cardHandleSchema.optional(),
});
export type VisitModalMetadata = z.infer<typeof visitModalMetadataSchema>;

export function encodeMetadata(value: object): string {
  return JSON.stringify(value);
}

/** Parses private_metadata; undefined when it is missing, not JSON, or not of the expected shape. */
export function decodeMetadata<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  if (typeof raw !== 'string' || raw.length > 3000) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
