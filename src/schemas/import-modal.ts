import { z } from 'zod';
import { ids } from '../ids';
import { importTargets, type ColumnMapping, type ImportTarget } from '../services/import/columns';
import type { ImportOptions, OnMatch } from '../services/import/import.service';
import { StateReader } from './view-state';

const f = ids.importField;

const uploadedFile = z.object({ id: z.string().regex(/^F[A-Z0-9]{2,30}$/), name: z.string().max(500).optional() });
const fileInputState = z.object({ files: z.array(z.unknown()).max(10).default([]) });

/** The file picked in the upload modal (Slack's file_input state), or undefined when none (or a forged one). */
export function parseUploadedFile(values: unknown): { id: string; name?: string } | undefined {
  const state = (values as Record<string, Record<string, unknown>> | undefined)?.[f.blocks.file]?.[f.action];
  const parsed = fileInputState.safeParse(state);
  if (!parsed.success) return undefined;
  const first = uploadedFile.safeParse(parsed.data.files[0]);
  return first.success ? first.data : undefined;
}

const onMatchSchema = z.enum(['skip', 'update', 'create']).catch('skip');

/** The preview's choices; a block the preview did not show reads as its default. */
export function parseImportOptions(values: unknown): ImportOptions {
  const state = new StateReader(values, f.action);
  return {
    keepNumbers: state.many(f.blocks.keepNumbers).includes('keep'),
    onMatch: onMatchSchema.parse(state.single(f.blocks.onMatch)) as OnMatch,
  };
}

/** The mapping modal's selects, one per column (`columns` of them); anything unknown reads as ignored. */
export function parseMapping(values: unknown, columns: number): ColumnMapping {
  const state = new StateReader(values, f.action);
  const known = new Set<string>(importTargets);
  return Array.from({ length: columns }, (_, i) => {
    const value = state.single(`${f.blocks.column}${i}`);
    return value && known.has(value) ? (value as ImportTarget) : null;
  });
}
