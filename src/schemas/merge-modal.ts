import { z } from 'zod';
import { ids } from '../ids';
import { MERGE_FIELDS, type MergeField } from '../services/contacts/merge/merge-fields';

const objectId = z.string().regex(/^[0-9a-f]{24}$/i);

/**
 * The merge modal's private_metadata: both contacts (`a` the older, shown first) and the versions the form was
 * drawn from, so a change meanwhile is caught at submit. The ids are re-checked by the merge service.
 */
export const mergeMetadataSchema = z.object({
  a: objectId,
  b: objectId,
  av: z.number().int().min(0),
  bv: z.number().int().min(0),
});
export type MergeMetadata = z.infer<typeof mergeMetadataSchema>;

const side = z.enum(['a', 'b']);
const radio = z.object({ selected_option: z.object({ value: side }).nullable().optional() }).passthrough();
const stateSchema = z.record(z.string(), z.record(z.string(), radio));

export interface MergeSubmission {
  keep?: 'a' | 'b';
  /** Field → the side whose value survives; a row left without a choice is missing here. */
  fields: Partial<Record<MergeField, 'a' | 'b'>>;
  /** Rows shown without a choice (their block ids). */
  missing: string[];
}

/** Reads the modal's radio rows; anything not drawn by the modal is ignored. */
export function readMergeState(values: unknown): MergeSubmission {
  const parsed = stateSchema.safeParse(values);
  const state = parsed.success ? parsed.data : {};
  const keep = state[ids.merge.blocks.keep]?.[ids.merge.actions.keep]?.selected_option?.value ?? undefined;
  const fields: MergeSubmission['fields'] = {};
  const missing: string[] = [];
  for (const field of MERGE_FIELDS) {
    const block = state[`${ids.merge.blocks.fieldPrefix}${field}`];
    if (!block) continue;
    const value = block[field]?.selected_option?.value;
    if (value) fields[field] = value;
    else missing.push(`${ids.merge.blocks.fieldPrefix}${field}`);
  }
  return { keep, fields, missing };
}

/** "Merge with…": the card's contact, re-checked by the merge service with the one picked. */
export const mergePickMetadataSchema = z.object({ c: objectId });

const pickStateSchema = z.object({
  [ids.merge.blocks.pick]: z.object({
    [ids.merge.actions.pick]: z.object({ selected_option: z.object({ value: z.string() }).nullable().optional() }),
  }),
});

/** The contact picked in "Merge with…" (a contact id, untrusted), or undefined when none is. */
export function readMergePick(values: unknown): string | undefined {
  const parsed = pickStateSchema.safeParse(values);
  if (!parsed.success) return undefined;
  return parsed.data[ids.merge.blocks.pick][ids.merge.actions.pick].selected_option?.value || undefined;
}
