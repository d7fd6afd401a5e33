import type { Translator } from '../../i18n';
import type { DateRange } from '../../services/calendar';
import { visitsInRange, type VisitsOf } from '../../services/visits/visit-report.service';
import { teamReportMessage } from '../../views/visit/team-report.message';
import { visitsReportMessage, type VisitMessage } from '../../views/visit/visits-report.message';

const REPORT_CAP = 200;

/**
 * A visits report as a message: one person's grouped by day, the team's grouped by salesperson. `/contact visits`,
 * a salesperson's "Open week" and the digest's "Open the full report" all come here.
 */
export async function visitsReport(
  tr: Translator,
  workspaceId: string,
  who: VisitsOf,
  range: DateRange,
  label: string,
): Promise<VisitMessage> {
  const { visits, total, totals } = await visitsInRange(workspaceId, who, range, REPORT_CAP);
  const args = { label, visits, total, totals, range, capped: total > visits.length };
  return who.kind === 'team' ? teamReportMessage(tr, args) : visitsReportMessage(tr, args);
}
