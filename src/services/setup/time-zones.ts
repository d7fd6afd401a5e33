/** Every IANA time zone the runtime knows, read once. */
const zones: readonly string[] = Intl.supportedValuesOf('timeZone');

/** What a Nordic team most likely picks, offered before anything is typed. */
const commonZones = [
  'Europe/Oslo',
  'Europe/Stockholm',
  'Europe/Copenhagen',
  'Europe/Helsinki',
  'Atlantic/Reykjavik',
  'Europe/London',
  'Europe/Berlin',
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Singapore',
];

/** How far a zone is from UTC right now, as Intl spells it: `GMT+2`, `GMT-5`, `GMT`. */
function offsetNow(zone: string, now: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? '';
  } catch {
    return '';
  }
}

/** `Europe/Oslo (GMT+2)`: the zone as stored, readable, with its offset today. */
export function timeZoneLabel(zone: string, now: Date = new Date()): string {
  const offset = offsetNow(zone, now);
  const name = zone.replace(/_/g, ' ');
  return offset ? `${name} (${offset})` : name;
}

const squash = (text: string): string => text.toLowerCase().replace(/[\s_]+/g, '');

/**
 * Zones matching what an admin typed (`oslo`, `new york`, `europe/`), best first: a city that starts with it,
 * then a zone that starts with it, then any zone containing it. Nothing typed: the common zones. At most `limit`.
 */
export function searchTimeZones(typed: string, limit = 100): string[] {
  const query = squash(typed.slice(0, 64));
  if (query === '') return commonZones.filter((zone) => zone === 'UTC' || zones.includes(zone)).slice(0, limit);
  const rank = (zone: string): number => {
    const whole = squash(zone);
    const city = squash(zone.slice(zone.lastIndexOf('/') + 1));
    if (city.startsWith(query)) return 0;
    if (whole.startsWith(query)) return 1;
    if (whole.includes(query)) return 2;
    return 3;
  };
  const all = zones.includes('UTC') ? zones : [...zones, 'UTC'];
  return all
    .map((zone) => ({ zone, rank: rank(zone) }))
    .filter((entry) => entry.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone))
    .slice(0, limit)
    .map((entry) => entry.zone);
}
