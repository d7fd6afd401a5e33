import { ContactModel } from '../../models/contact.model';
import { NumberSeriesModel } from '../../models/number-series.model';
import { SetupAuditModel, SetupModel } from '../../models/setup.model';
import { translator, type Translator } from '../../i18n';
import { live } from '../contacts/live';
import { forgetWorkspaceLanguage } from '../language/language.service';
import { defaultsFor, englishDescription, norwegianDescription } from './setup.defaults';
import {
  finishPendingSave,
  pendingSave,
  settlePendingSave,
  type PendingSave,
  type PendingSaveStore,
} from './pending-save';
import { diffSetup } from './setup-diff';
import type {
  CodeListName,
  ContactSetup,
  DuplicateSearchRow,
  SetupAuditEntry,
  SetupPatch,
  SetupSection,
  WorkspaceSetup,
} from './setup.types';
import { setupSections } from './setup.types';

const CONTACT_SERIES = 'contact';

type PendingSetupSave = PendingSave<SetupSection>;

type StoredSetup = Partial<WorkspaceSetup> & {
  codes?: Partial<WorkspaceSetup['codes']>;
  pending?: PendingSetupSave | null;
  duplicateKeysFor?: string | null;
};

/** Stored values over the documented defaults: a workspace nobody has set up yet gets exactly the defaults. */
function withDefaults(stored: StoredSetup | null): WorkspaceSetup {
  // A workspace whose language is Norsk gets the Norwegian defaults for whatever it has not stored yet.
  const d = defaultsFor(stored?.language);
  if (!stored) return structuredClone(d);
  return {
    numbering: { ...d.numbering, ...stored.numbering },
    inheritance: { ...d.inheritance, ...stored.inheritance },
    defaults: { ...d.defaults, ...stripNulls(stored.defaults) },
    duplicates: { ...d.duplicates, ...stored.duplicates },
    codes: { ...d.codes, ...stored.codes },
    decided: (stored.decided ?? []).filter((section) => (setupSections as readonly string[]).includes(section)),
    interactionTypes: stored.interactionTypes ?? d.interactionTypes,
    roles: { ...d.roles, ...stored.roles },
    digest: { ...d.digest, ...stripNulls(stored.digest) },
    language: stored.language ?? d.language,
    importForEveryone: stored.importForEveryone ?? d.importForEveryone,
    sharingEnabled: stored.sharingEnabled ?? d.sharingEnabled,
    visitRetentionYears: stored.visitRetentionYears ?? d.visitRetentionYears,
    registerCheck: stored.registerCheck ?? d.registerCheck,
    version: stored.version ?? 0,
    updatedBy: stored.updatedBy,
    updatedAt: stored.updatedAt,
  };
}

function stripNulls<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

async function readStoredSetup(workspaceId: string): Promise<StoredSetup | null> {
  return SetupModel.findOne({ workspaceId }, { _id: 0, __v: 0 }).lean<StoredSetup>();
}

export async function getWorkspaceSetup(workspaceId: string): Promise<WorkspaceSetup> {
  return withDefaults(await readStoredSetup(workspaceId));
}

/** The setup contacts are created, numbered, inherited and checked for duplicates under. */
export async function getContactSetup(workspaceId: string): Promise<ContactSetup> {
  return getWorkspaceSetup(workspaceId);
}

/** The number the next new contact will get (the series' last number + 1). */
export async function getNextContactNo(workspaceId: string): Promise<number> {
  const series = await NumberSeriesModel.findOne({ workspaceId, series: CONTACT_SERIES }).lean();
  return (series?.lastNo ?? 0) + 1;
}

export type SaveSetupResult =
  /** `duplicateKeysStale`: companies' duplicate search strings must be rebuilt for the rows now in setup. */
  | { status: 'saved'; setup: WorkspaceSetup; duplicateKeysStale: boolean }
  | { status: 'conflict' }
  /** Errors keyed by the patch path (`nextNo`, `codes.industryGroups`…); the listener maps them to blocks. */
  | { status: 'invalid'; errors: Record<string, string> };

const codeLists: CodeListName[] = [
  'businessRelations',
  'industryGroups',
  'territories',
  'jobResponsibilities',
  'organizationalLevels',
];

/** Codes removed from a list that contacts still use, with how many use each. */
async function codesStillInUse(
  workspaceId: string,
  before: WorkspaceSetup,
  patch: SetupPatch,
  tr: Translator,
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  for (const list of codeLists) {
    const next = patch.codes?.[list];
    if (!next) continue;
    const kept = new Set(next.map((entry) => entry.code));
    const removed = before.codes[list].filter((entry) => !kept.has(entry.code)).map((entry) => entry.code);
    const inUse: string[] = [];
    for (const code of removed) {
      const count = await ContactModel.countDocuments({ workspaceId, 'search.codes': `${list}:${code}`, ...live });
      if (count > 0)
        inUse.push(tr.t(count === 1 ? 'setup.error.codeInUseOne' : 'setup.error.codeInUseMany', { code, count }));
    }
    if (inUse.length > 0) errors[`codes.${list}`] = tr.t('setup.error.codesInUse', { codes: inUse.join(', ') });
  }
  return errors;
}

/**
 * Saves one section of setup if nobody else saved since `version` was read, records the change in the audit
 * log, and moves the number series when the next number changed. Nothing is written when anything is invalid.
 *
 * The save and what follows it (the number series, the audit entry) are separate writes, so the follow-ups are
 * stored with the save and cleared when done: if the database fails between them, the admin's retry of the same
 * form finishes them and goes on (it is not refused as a conflict with their own half-save), and so do the next
 * save and the repair job. Error texts are in `tr`'s language (the admin's; English when not given).
 */
export async function saveSetupSection(request: {
  workspaceId: string;
  userId: string;
  section: SetupSection;
  version: number;
  patch: SetupPatch;
  tr?: Translator;
}): Promise<SaveSetupResult> {
  const { workspaceId, userId, section, patch } = request;
  const tr = request.tr ?? translator('en');
  const stored = await readStoredSetup(workspaceId);
  const version = await settlePendingSave(workspaceId, stored, { userId, version: request.version }, setupStore);
  const before = withDefaults(stored);
  if (before.version !== version) return { status: 'conflict' };

  const errors: Record<string, string> = await codesStillInUse(workspaceId, before, patch, tr);
  const currentNext = await getNextContactNo(workspaceId);
  if (patch.nextNo !== undefined && patch.nextNo < currentNext) {
    errors.nextNo = tr.t('setup.error.nextNoTooLow', { next: currentNext - 1 });
  }
  if (Object.keys(errors).length > 0) return { status: 'invalid', errors };

  const { nextNo, codes, ...rest } = patch;
  const moveSeries = nextNo !== undefined && nextNo !== currentNext;
  const expected = withDefaults({
    ...stored,
    ...rest,
    codes: { ...stored?.codes, ...codes } as WorkspaceSetup['codes'],
  });
  const changes = diffSetup(before, expected);
  if (moveSeries) changes.push({ field: 'numbering.nextNo', from: String(currentNext), to: String(nextNo) });
  const pending: PendingSetupSave = pendingSave({
    by: userId,
    fromVersion: version,
    section,
    changes,
    ...(moveSeries ? { nextNo } : {}),
  });
  const decided = before.decided.includes(section) ? before.decided : [...before.decided, section];
  const set: Record<string, unknown> = { ...rest, decided, updatedBy: userId, pending };
  for (const [list, entries] of Object.entries(codes ?? {})) set[`codes.${list}`] = entries;
  // Remember what the companies' strings are built from before the rows change, so a rebuild that does not
  // finish is noticed (the first change of a workspace set up before this was recorded).
  if (rowsKey(before.duplicates.rows) !== rowsKey(expected.duplicates.rows) && !stored?.duplicateKeysFor)
    set.duplicateKeysFor = rowsKey(before.duplicates.rows);
  const saved = await saveVersioned(workspaceId, version, set);
  if (!saved) return { status: 'conflict' };
  forgetWorkspaceLanguage(workspaceId);
  await finishSetupSave(workspaceId, pending);
  return { status: 'saved', setup: withDefaults(saved), duplicateKeysStale: duplicateKeysStale(saved) };
}

/** Where the workspace setup's pending save moves the contact number series and clears its mark. */
const setupStore: PendingSaveStore = {
  async moveSeries(workspaceId, nextNo) {
    // Only ever forward: a concurrent create may have moved it meanwhile, and $max never moves it back.
    await NumberSeriesModel.updateOne(
      { workspaceId, series: CONTACT_SERIES },
      { $max: { lastNo: nextNo - 1 } },
      { upsert: true },
    );
  },
  async clearMark(workspaceId, auditId) {
    await SetupModel.updateOne(
      { workspaceId, 'pending.auditId': auditId },
      { $unset: { pending: 1 } },
      { timestamps: false },
    );
  },
};

const finishSetupSave = (workspaceId: string, pending: PendingSetupSave) =>
  finishPendingSave(workspaceId, pending, setupStore);

/** A save of this workspace whose follow-ups did not all happen (for the repair job), with when it was made. */
export async function unfinishedSetupSave(workspaceId: string): Promise<{ at: Date } | undefined> {
  const stored = await readStoredSetup(workspaceId);
  return stored?.pending ? { at: stored.pending.at } : undefined;
}

/** Finishes a save's follow-ups, if one is waiting. */
export async function finishUnfinishedSetupSave(workspaceId: string): Promise<boolean> {
  const stored = await readStoredSetup(workspaceId);
  if (!stored?.pending) return false;
  await finishSetupSave(workspaceId, stored.pending);
  return true;
}

const rowsKey = (rows: DuplicateSearchRow[]): string =>
  rows.map((row) => `${row.field}:${row.part}:${row.length}`).join(',');

function duplicateKeysStale(stored: StoredSetup): boolean {
  return Boolean(stored.duplicateKeysFor) && stored.duplicateKeysFor !== rowsKey(withDefaults(stored).duplicates.rows);
}

/**
 * Whether the companies' duplicate search strings are behind the rows in setup (a rebuild after a change has
 * not finished), with the setup to rebuild them from and when it was saved.
 */
export async function duplicateKeysState(
  workspaceId: string,
): Promise<{ stale: boolean; setup: WorkspaceSetup; since?: Date }> {
  const stored = await readStoredSetup(workspaceId);
  return {
    stale: stored ? duplicateKeysStale(stored) : false,
    setup: withDefaults(stored),
    since: stored?.updatedAt ?? undefined,
  };
}

/** After a rebuild from `rows`: the strings match them, unless the rows changed again meanwhile. */
export async function markDuplicateKeysBuilt(workspaceId: string, rows: DuplicateSearchRow[]): Promise<void> {
  const stored = await readStoredSetup(workspaceId);
  if (!stored || rowsKey(withDefaults(stored).duplicates.rows) !== rowsKey(rows)) return;
  await SetupModel.updateOne(
    { workspaceId, version: stored.version ?? 0 },
    { $set: { duplicateKeysFor: rowsKey(rows) } },
    { timestamps: false },
  );
}

/** Writes setup only if it is still at `version` (or absent at version 0), bumping the version. */
async function saveVersioned(
  workspaceId: string,
  version: number,
  set: Record<string, unknown>,
): Promise<StoredSetup | null> {
  if (version === 0) {
    // First save: create the document from the defaults (Norwegian ones when this save makes it Norsk), unless
    // someone else just did. The digest schedule is left out: until an admin saves one, the workspace follows the
    // current default.
    const { version: _v, updatedAt: _u, updatedBy: _b, digest: _d, ...defaults } = defaultsFor(set.language as string);
    try {
      await SetupModel.create({ workspaceId, ...defaults, version: 0 });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
  return SetupModel.findOneAndUpdate(
    { workspaceId, version },
    { $set: set, $inc: { version: 1 } },
    { returnDocument: 'after', lean: true, projection: { _id: 0, __v: 0 } },
  ) as unknown as Promise<StoredSetup | null>;
}

export async function listSetupAudit(workspaceId: string, limit = 20): Promise<SetupAuditEntry[]> {
  const entries = await SetupAuditModel.find({ workspaceId }).sort({ at: -1 }).limit(limit).lean();
  return entries.map((entry) => ({
    userId: entry.userId,
    at: entry.at,
    section: entry.section as SetupSection,
    changes: entry.changes.map((c) => ({ field: c.field ?? '', from: c.from ?? '', to: c.to ?? '' })),
  }));
}

/** Every workspace that has saved setup (the ones with a digest schedule to restore at start). */
export async function listSetupWorkspaces(): Promise<string[]> {
  const setups = await SetupModel.find({}, { workspaceId: 1 }).lean();
  return setups.map((setup) => setup.workspaceId);
}

/**
 * "Use Norwegian defaults" (admins): the default code lists and interaction types get their Norwegian
 * descriptions — only entries still described as in the English defaults, so what an admin wrote stays — and
 * the phone region becomes NO. Codes and the number series stay as they are. Saved like any setup section
 * (version-checked, in the audit log).
 */
export async function useNorwegianDefaults(request: {
  workspaceId: string;
  userId: string;
  version: number;
}): Promise<SaveSetupResult> {
  const current = await getWorkspaceSetup(request.workspaceId);
  const relabel = <T extends { code: string; description: string }>(list: string, entries: T[]): T[] =>
    entries.map((entry) =>
      entry.description === englishDescription(list, entry.code)
        ? { ...entry, description: norwegianDescription(list, entry.code) ?? entry.description }
        : entry,
    );
  const codes = Object.fromEntries(
    Object.entries(current.codes).map(([list, entries]) => [list, relabel(list, entries)]),
  ) as WorkspaceSetup['codes'];
  return saveSetupSection({
    workspaceId: request.workspaceId,
    userId: request.userId,
    section: 'defaults',
    version: request.version,
    patch: {
      codes,
      interactionTypes: relabel('interactionTypes', current.interactionTypes),
      defaults: { ...current.defaults, phoneRegion: 'NO' },
    },
  });
}
