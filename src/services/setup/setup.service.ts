import { ContactModel } from '../../models/contact.model';
import { NumberSeriesModel } from '../../models/number-series.model';
import { SetupAuditModel, SetupModel } from '../../models/setup.model';
import { t } from '../../i18n';
import { defaultWorkspaceSetup } from './setup.defaults';
import { diffSetup } from './setup-diff';
import type {
  CodeListName,
  ContactSetup,
  SetupAuditEntry,
  SetupPatch,
  SetupSection,
  WorkspaceSetup,
} from './setup.types';

const CONTACT_SERIES = 'contact';

type StoredSetup = Partial<WorkspaceSetup> & { codes?: Partial<WorkspaceSetup['codes']> };

/** Stored values over the documented defaults: a workspace nobody has set up yet gets exactly the defaults. */
function withDefaults(stored: StoredSetup | null): WorkspaceSetup {
  const d = defaultWorkspaceSetup;
  if (!stored) return structuredClone(d);
  return {
    numbering: { ...d.numbering, ...stored.numbering },
    inheritance: { ...d.inheritance, ...stored.inheritance },
    defaults: { ...d.defaults, ...stripNulls(stored.defaults) },
    duplicates: { ...d.duplicates, ...stored.duplicates },
    codes: { ...d.codes, ...stored.codes },
    interactionTypes: stored.interactionTypes ?? d.interactionTypes,
    roles: { ...d.roles, ...stored.roles },
    digest: { ...d.digest, ...stripNulls(stored.digest) },
    language: stored.language ?? d.language,
    version: stored.version ?? 0,
    updatedBy: stored.updatedBy,
    updatedAt: stored.updatedAt,
  };
}

function stripNulls<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

export async function getWorkspaceSetup(workspaceId: string): Promise<WorkspaceSetup> {
  const stored = await SetupModel.findOne({ workspaceId }, { _id: 0, __v: 0 }).lean<StoredSetup>();
  return withDefaults(stored);
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
  | { status: 'saved'; setup: WorkspaceSetup; duplicateRowsChanged: boolean }
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
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  for (const list of codeLists) {
    const next = patch.codes?.[list];
    if (!next) continue;
    const kept = new Set(next.map((entry) => entry.code));
    const removed = before.codes[list].filter((entry) => !kept.has(entry.code)).map((entry) => entry.code);
    const inUse: string[] = [];
    for (const code of removed) {
      const count = await ContactModel.countDocuments({ workspaceId, 'search.codes': `${list}:${code}` });
      if (count > 0)
        inUse.push(t(count === 1 ? 'setup.error.codeInUseOne' : 'setup.error.codeInUseMany', { code, count }));
    }
    if (inUse.length > 0) errors[`codes.${list}`] = t('setup.error.codesInUse', { codes: inUse.join(', ') });
  }
  return errors;
}

/**
 * Saves one section of setup if nobody else saved since `version` was read, records the change in the audit
 * log, and moves the number series when the next number changed. Nothing is written when anything is invalid.
 */
export async function saveSetupSection(request: {
  workspaceId: string;
  userId: string;
  section: SetupSection;
  version: number;
  patch: SetupPatch;
}): Promise<SaveSetupResult> {
  const { workspaceId, userId, section, patch } = request;
  const before = await getWorkspaceSetup(workspaceId);
  if (before.version !== request.version) return { status: 'conflict' };

  const errors: Record<string, string> = await codesStillInUse(workspaceId, before, patch);
  const currentNext = await getNextContactNo(workspaceId);
  if (patch.nextNo !== undefined && patch.nextNo < currentNext) {
    errors.nextNo = t('setup.error.nextNoTooLow', { next: currentNext - 1 });
  }
  if (Object.keys(errors).length > 0) return { status: 'invalid', errors };

  const { nextNo, codes, ...rest } = patch;
  const set: Record<string, unknown> = { ...rest, updatedBy: userId };
  for (const [list, entries] of Object.entries(codes ?? {})) set[`codes.${list}`] = entries;
  const saved = await saveVersioned(workspaceId, request.version, set);
  if (!saved) return { status: 'conflict' };
  const after = withDefaults(saved);

  if (nextNo !== undefined && nextNo !== currentNext) {
    // Only ever forward: a concurrent create may have moved it meanwhile, and $max never moves it back.
    await NumberSeriesModel.updateOne(
      { workspaceId, series: CONTACT_SERIES },
      { $max: { lastNo: nextNo - 1 } },
      { upsert: true },
    );
  }
  const changes = diffSetup(before, after);
  if (nextNo !== undefined && nextNo !== currentNext)
    changes.push({ field: 'numbering.nextNo', from: String(currentNext), to: String(nextNo) });
  if (changes.length > 0) await SetupAuditModel.create({ workspaceId, userId, at: new Date(), section, changes });
  const duplicateRowsChanged = JSON.stringify(before.duplicates.rows) !== JSON.stringify(after.duplicates.rows);
  return { status: 'saved', setup: after, duplicateRowsChanged };
}

/** Writes setup only if it is still at `version` (or absent at version 0), bumping the version. */
async function saveVersioned(
  workspaceId: string,
  version: number,
  set: Record<string, unknown>,
): Promise<StoredSetup | null> {
  if (version === 0) {
    // First save: create the document from the defaults, unless someone else just did.
    const { version: _v, updatedAt: _u, updatedBy: _b, ...defaults } = defaultWorkspaceSetup;
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
