import type { SetupAuditEntry, WorkspaceSetup } from './setup.types';

const MAX_VALUE = 200;

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Leaf-by-leaf differences between two setups (arrays compared whole), for the audit log. */
export function diffSetup(before: WorkspaceSetup, after: WorkspaceSetup): SetupAuditEntry['changes'] {
  const changes: SetupAuditEntry['changes'] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
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
  const { version: _a, updatedAt: _b, updatedBy: _c, ...beforeValues } = before;
  const { version: _d, updatedAt: _e, updatedBy: _f, ...afterValues } = after;
  walk(beforeValues, afterValues, '');
  return changes;
}
