// The TTL monitor: like mongod, every `ttlMonitorSleepSecs` (default 60) delete documents
// whose indexed date is older than the index's expireAfterSeconds. Accepting TTL indexes
// without expiring anything would be silently wrong.
import { isNumeric, toDouble } from '../bson/types';
import { collectValues } from '../query/path';
import type { Catalog } from './catalog';

export function runTtlPass(catalog: Catalog, now = Date.now()): number {
  let removed = 0;
  for (const db of catalog.dbs.values()) {
    for (const coll of db.collections.values()) {
      for (const ix of coll.indexes) {
        const ttl = ix.spec.expireAfterSeconds;
        if (!isNumeric(ttl) || ix.pattern.length !== 1) continue;
        const cutoff = now - toDouble(ttl) * 1000;
        const parts = ix.fields[0] as string[];
        const expired: number[] = [];
        for (const [rid, doc] of coll.records) {
          // mongod expires on the earliest date when the field holds an array of dates.
          const dates = collectValues(doc, parts)
            .flatMap((v) => (Array.isArray(v) ? v : [v]))
            .filter((v): v is Date => v instanceof Date);
          if (dates.length && Math.min(...dates.map((d) => d.getTime())) <= cutoff) expired.push(rid);
        }
        for (const rid of expired) coll.remove(rid);
        removed += expired.length;
      }
    }
  }
  return removed;
}
