import { openTeamValue, openWeekValue } from '../../schemas/button-values';
import { MAX_RANGE_DAYS } from '../../schemas/visits-query';
import { daysBetween, isIsoDate, type DateRange } from '../../services/calendar';
import { rolesOf } from '../../services/people/permissions.service';
import { getVisit } from '../../services/visits/visit.service';
import { visitDetailModal } from '../../views/visit/visit-detail.modal';
import { periodText } from '../../views/visit/report-format';
import { mention } from '../../views/visit/visit-format';
import { guarded, openOrPush, tell, trOf, workspaceIdOf, type ButtonArgs, type SelectArgs } from '../frame';
import { visitsReport } from '../shared/visits-report';

/** A range from a button is untrusted: real dates, in order, no longer than a typed query may ask for. */
const validRange = (range: DateRange | undefined): range is DateRange =>
  range !== undefined &&
  isIsoDate(range.from) &&
  isIsoDate(range.to) &&
  daysBetween(range.from, range.to) >= 0 &&
  daysBetween(range.from, range.to) < MAX_RANGE_DAYS;

async function answer(args: ButtonArgs, message: { text: string; blocks?: unknown[] }): Promise<void> {
  if (args.respond && args.body.response_url) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, ...message } as Parameters<
      ButtonArgs['respond']
    >[0]);
  } else await tell(args, message.text);
}

/** "Open week" beside a salesperson (team report, digest): that person's visits in the period, for managers. */
export async function openSalespersonWeek(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening a salesperson’s week', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const value = openWeekValue.decode(args.action.value);
    if (!value || !validRange(value.range)) return tell(args, tr.t('visits.team.badRange'));
    const viewer = args.body.user.id;
    if (value.userId !== viewer && !(await rolesOf(args.client, workspaceId, viewer)).isManager)
      return tell(args, tr.t('visits.team.refusedButton'));
    const label = tr.t('visits.label.userRange', { user: mention(value.userId), range: periodText(tr, value.range) });
    await answer(args, await visitsReport(tr, workspaceId, { kind: 'user', userId: value.userId }, value.range, label));
  });
}

/** "Open the full report" under the digest: the team report for the digest's week, for managers. */
export async function openTeamReport(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening the team report', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const range = openTeamValue.decode(args.action.value);
    if (!validRange(range)) return tell(args, tr.t('visits.team.badRange'));
    if (!(await rolesOf(args.client, workspaceId, args.body.user.id)).isManager)
      return tell(args, tr.t('visits.team.refusedButton'));
    const label = tr.t('visits.label.teamRange', { range: periodText(tr, range) });
    await answer(args, await visitsReport(tr, workspaceId, { kind: 'team' }, range, label));
  });
}

/**
 * "Open a visit…" in the team report: that visit in full. The id is re-checked against the workspace; a visit is
 * no more private than the card it is on (every member sees a contact's visits), so no role is needed.
 */
export async function openVisitDetail(args: SelectArgs): Promise<void> {
  await guarded(args, 'Opening a visit', async () => {
    const tr = trOf(args);
    const visit = await getVisit(workspaceIdOf(args), args.action.selected_option?.value);
    if (!visit) return tell(args, tr.t('visit.error.gone'));
    await openOrPush(args, visitDetailModal(tr, visit));
  });
}
