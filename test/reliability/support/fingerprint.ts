/**
 * A cheap picture of what the database holds for some workspaces: per collection, the document count and a hash
 * of the documents. Two equal fingerprints mean nothing was written; a diff names the collections that changed.
 * Queries filter on workspaceId, which leads an index in every collection (the suite runs with notablescan).
 */
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import {
  JOB_FOLLOW_UP,
  JOB_REMOVE_WORKSPACE_DATA,
  JOB_TASK_REMINDER,
  JOB_WEEKLY_DIGEST,
} from '../../../src/jobs/scheduler';

/** The collections that hold workspace data (agenda's jobs and the installation store are keyed otherwise). */
export const WORKSPACE_COLLECTIONS = [
  'contacts',
  'contact_deletions',
  'visits',
  'number_series',
  'setups',
  'setup_audit',
  'separate_contacts',
  'contact_drafts',
  'digest_log',
  'user_languages',
  'tasks',
  'task_migrations',
  'task_counts',
] as const;

/**
 * A workspace's lifecycle, keyed otherwise: whether it waits for deletion, its installation (tokens), and its
 * scheduled jobs (reminders, digest, data removal). Queried through the index each is served by.
 */
const LIFECYCLE_FILTERS: Record<string, (workspaceIds: string[]) => Record<string, unknown>> = {
  workspace_status: (workspaceIds) => ({ workspaceId: { $in: workspaceIds } }),
  installations: (workspaceIds) => ({ key: { $in: workspaceIds } }),
  // agenda's own index leads with the job name.
  agendaJobs: (workspaceIds) => ({
    name: { $in: [JOB_FOLLOW_UP, JOB_WEEKLY_DIGEST, JOB_REMOVE_WORKSPACE_DATA, JOB_TASK_REMINDER] },
    'data.workspaceId': { $in: workspaceIds },
  }),
};

export const LIFECYCLE_COLLECTIONS = Object.keys(LIFECYCLE_FILTERS);

export type Fingerprint = Record<string, { count: number; hash: string }>;

export async function fingerprint(
  workspaceIds: string[],
  collections: readonly string[] = WORKSPACE_COLLECTIONS,
): Promise<Fingerprint> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('fingerprint: mongoose is not connected');
  const entries = await Promise.all(
    collections.map(async (name) => {
      const filter = LIFECYCLE_FILTERS[name]?.(workspaceIds) ?? { workspaceId: { $in: workspaceIds } };
      const docs = await db.collection(name).find(filter).toArray();
      docs.sort((a, b) => String(a._id).localeCompare(String(b._id)));
      const hash = createHash('sha1').update(JSON.stringify(docs)).digest('hex').slice(0, 16);
      return [name, { count: docs.length, hash }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Names of the collections whose count or content differs. */
export function changedCollections(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys({ ...before, ...after }).filter(
    (name) => before[name]?.count !== after[name]?.count || before[name]?.hash !== after[name]?.hash,
  );
}
