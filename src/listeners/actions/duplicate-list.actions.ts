import { duplicatePageValue, duplicateSeparateValue } from '../../schemas/button-values';
import { markNotDuplicates } from '../../services/contacts/duplicate-candidates.service';
import { guarded, tell, trOf, workspaceIdOf, type ButtonArgs } from '../frame';
import { duplicateList, duplicatesRefusal, scanInBackground } from '../shared/duplicate-list';

/**
 * The buttons of `/contact duplicates`. Each re-checks that the clicker is an admin or manager, and redraws the
 * list in place (the ephemeral message it is on).
 */
async function redraw(
  args: ButtonArgs,
  page: number,
  options: { notice?: string; rescan?: boolean } = {},
): Promise<void> {
  const workspaceId = workspaceIdOf(args);
  const { message, scan } = await duplicateList(trOf(args), workspaceId, page, options);
  await args.respond({ response_type: 'ephemeral', replace_original: true, ...message });
  if (scan) await scanInBackground(args.logger, workspaceId);
}

/** Refuses a clicker who may not see the list; true when refused. */
async function refused(args: ButtonArgs): Promise<boolean> {
  const refusal = await duplicatesRefusal(args.client, workspaceIdOf(args), args.body.user.id, trOf(args));
  if (refusal) await tell(args, refusal);
  return refusal !== undefined;
}

/** Next / Previous. */
export const turnDuplicatePage = (args: ButtonArgs) =>
  guarded(args, 'Duplicates paging', async () => {
    if (await refused(args)) return;
    await redraw(args, duplicatePageValue.decode(args.action.value) ?? 0);
  });

/** Not duplicates: remembered for good, and the list redrawn without the pair. */
export const separateDuplicatePair = (args: ButtonArgs) =>
  guarded(args, 'Marking a pair as not duplicates', async () => {
    if (await refused(args)) return;
    const tr = trOf(args);
    const value = duplicateSeparateValue.decode(args.action.value);
    const workspaceId = workspaceIdOf(args);
    const result = value
      ? await markNotDuplicates(workspaceId, args.body.user.id, value.a, value.b)
      : ({ status: 'gone' } as const);
    const notice =
      result.status === 'marked'
        ? tr.t('duplicates.separated', { first: result.nos[0], second: result.nos[1] })
        : tr.t('duplicates.pairGone');
    await redraw(args, value?.page ?? 0, { notice });
  });

/** Check again: the whole workspace is scanned anew (the list is redrawn at once, the scan runs after). */
export const rescanDuplicates = (args: ButtonArgs) =>
  guarded(args, 'Rescanning for duplicates', async () => {
    if (await refused(args)) return;
    await redraw(args, 0, { rescan: true, notice: trOf(args).t('duplicates.rescanStarted') });
  });
