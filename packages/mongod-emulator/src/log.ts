// mongod-style structured log lines (one JSON object per line on stdout).
export type Severity = 'I' | 'W' | 'E' | 'F' | 'D1';

let quiet = false;
export const setLogQuiet = (q: boolean): void => {
  quiet = q;
};

function isoWithOffset(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

export function log(
  s: Severity,
  c: string,
  id: number,
  ctx: string,
  msg: string,
  attr?: Record<string, unknown>,
): void {
  if (quiet && s !== 'E' && s !== 'F') return;
  const line: Record<string, unknown> = { t: { $date: isoWithOffset(new Date()) }, s, c, id, ctx, msg };
  if (attr) line.attr = attr;
  process.stdout.write(JSON.stringify(line, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) + '\n');
}
