import type { SetupAuditEntry, WorkspaceSetup } from './setup.types';

const MAX_VALUE = 200;

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

type Changes = SetupAuditEntry['changes'];

/** People given or taken a role: one change per person (`from` '' = given, `to` '' = taken), so any log can say it. */
function diffPeople(path: string, before: readonly string[], after: readonly string[], changes: Changes): void {
  const had = new Set(before);
  const has = new Set(after);
  for (const id of after) if (!had.has(id)) changes.push({ field: path, from: '', to: id });
  for (const id of before) if (!has.has(id)) changes.push({ field: path, from: id, to: '' });
}

/**
 * Entries of a list keyed by code: one change per code added, removed or changed, each side the entry as JSON
 * ('' when absent). An entry is a few dozen characters, so it is never cut, and the log can name what changed.
 */
function diffEntries<T extends { code: string }>(
  path: string,
  before: readonly T[],
  after: readonly T[],
  changes: Changes,
) {
  const old = new Map(before.map((entry) => [entry.code, entry]));
  const now = new Map(after.map((entry) => [entry.code, entry]));
  for (const entry of after) {
    const was = old.get(entry.code);
    if (!was) changes.push({ field: path, from: '', to: JSON.stringify(entry) });
    else if (JSON.stringify(was) !== JSON.stringify(entry))
      changes.push({ field: path, from: JSON.stringify(was), to: JSON.stringify(entry) });
  }
  for (const entry of before)
    if (!now.has(entry.code)) changes.push({ field: path, from: JSON.stringify(entry), to: '' });
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/**
 * Leaf-by-leaf differences between two setups, for the audit log: roles person by person, code lists and
 * interaction types entry by entry, other arrays (the duplicate rows) whole.
 */
export function diffSetup(before: WorkspaceSetup, after: WorkspaceSetup): Changes {
  const changes: Changes = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (path === 'roles.admins' || path === 'roles.managers') {
      diffPeople(path, (a as string[]) ?? [], (b as string[]) ?? [], changes);
      return;
    }
    if (path === 'interactionTypes' || path.startsWith('codes.')) {
      diffEntries(path, (a as { code: string }[]) ?? [], (b as { code: string }[]) ?? [], changes);
      return;
    }
    if (isObject(a) || isObject(b)) {
      const keys = new Set([...Object.keys((a as object) ?? {}), ...Object.keys((b as object) ?? {})]);
      for (const key of keys)
        walk(
          (a as Record<string, unknown>)?.[key],
          (b as Record<string, unknown>)?.[key],
          path ? `${path}.${key}` : key,
        );
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field: path, from: show(a), to: show(b) });
  };
  const { version: _a, updatedAt: _b, updatedBy: _c, decided: _g, ...beforeValues } = before;
  const { version: _d, updatedAt: _e, updatedBy: _f, decided: _h, ...afterValues } = after;
  walk(beforeValues, afterValues, '');
  return changes;
}
