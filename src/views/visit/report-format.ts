import type { Translator } from '../../i18n';
import { isIsoDate } from '../../services/calendar';
import type { DateRange, VisitTotals } from '../../services/visits/visit.types';
import { escapeMrkdwn, truncate } from '../contact/text';

/**
 * The reader's-language pieces of the visit reports, the digest and Home (counts, days, periods). They sit beside
 * visit-format.ts, whose line builders speak English until they take a Translator too; then these can move there.
 */

/** "12 visits · 2 failed attempts" / "12 besøk · 2 forsøk mislyktes", numbers in the reader's format. */
export function visitCounts(tr: Translator, totals: Pick<VisitTotals, 'visits' | 'failedAttempts'>): string {
  const parts = [tr.count(totals.visits, 'visit')];
  if (totals.failedAttempts > 0) {
    parts.push(
      totals.failedAttempts === 1
        ? tr.t('visits.failed.one')
        : tr.t('visits.failed.many', { count: tr.number(totals.failedAttempts) }),
    );
  }
  return parts.join(' · ');
}

/** "Tuesday, December 1" / "tirsdag 1. desember"; a malformed date is shown as it is (escaped), never thrown. */
export function dayText(tr: Translator, date: string): string {
  return isIsoDate(date) ? tr.longDate(date) : escapeMrkdwn(truncate(String(date), 20));
}

/** "30. nov. 2026–6. des. 2026", or the one day. */
export function periodText(tr: Translator, range: DateRange): string {
  if (!isIsoDate(range.from) || !isIsoDate(range.to)) return escapeMrkdwn(truncate(`${range.from}..${range.to}`, 50));
  return range.from === range.to
    ? tr.date(range.from)
    : tr.t('visits.range', { from: tr.date(range.from), to: tr.date(range.to) });
}

/** "week 49 · Nov 30, 2026 – Dec 6, 2026" / "uke 49 · 30. nov. 2026–6. des. 2026". */
export function weekPeriodText(tr: Translator, range: DateRange): string {
  return isIsoDate(range.from) ? `${tr.week(range.from)} · ${periodText(tr, range)}` : periodText(tr, range);
}
