import { recountTasks } from '../tasks/task-counts';
import { finishDealTotals, recountPipelineTotals } from '../opportunities/pipeline-totals';
import { repairCompanyPersons } from '../contacts/company-flow-down';
import { finishMarkedChange } from '../contacts/change-log.service';
import {
  includeInDeletion,
  makeIndependent,
  purgeDueDeletions,
  settleDeletion,
} from '../contacts/contact-deletion.service';
import { purgeDueMerges, settleMerge } from '../contacts/merge/merge.service';
import { rebuildStaleDuplicateKeys } from '../contacts/duplicate-regeneration.service';
import { finishUnfinishedOpportunitySetupSave } from '../opportunities/opportunity-setup-save.service';
import { finishUnfinishedSetupSave } from '../setup/setup.service';
import { clearVisitLink, finishVisitEdit, refreshContactStats } from '../visits/visit.service';
import { walkIntegrity, type CheckOptions, type IntegrityProblem } from './integrity-check.service';

export interface RepairReport {
  /** Problems found. */
  found: number;
  /** Problems whose repair ran without an error. */
  repaired: number;
  /** What failed to repair (it is tried again on the next run). */
  failures: string[];
}

/** The repair of one problem: each reruns the idempotent last steps of the write that left it. */
async function repair(workspaceId: string, problem: IntegrityProblem): Promise<void> {
  switch (problem.kind) {
    case 'visitFigures':
      await refreshContactStats(workspaceId, problem.contactId);
      return;
    case 'companyName':
    case 'flowDownUnfinished':
      await repairCompanyPersons(workspaceId, problem.companyId);
      return;
    case 'changeLogUnfinished':
      await finishMarkedChange(workspaceId, problem.contactId);
      return;
    case 'companyMissing':
      await makeIndependent(workspaceId, { _id: problem.personId, companyId: problem.companyId });
      return;
    case 'personOfDeletedCompany':
      await includeInDeletion(workspaceId, problem.deletionId, problem.personId);
      return;
    case 'visitLinkBroken':
      await clearVisitLink(workspaceId, problem.visitId, problem.field, problem.contactId);
      return;
    case 'visitEditUnfinished':
      await finishVisitEdit(workspaceId, problem.visitId, problem.contactIds);
      return;
    case 'deletionUnfinished':
      await settleDeletion(workspaceId, problem.deletionId);
      return;
    case 'mergeUnfinished':
      await settleMerge(workspaceId, problem.mergeId);
      return;
    case 'setupSaveUnfinished':
      await finishUnfinishedSetupSave(workspaceId);
      return;
    case 'opportunitySetupSaveUnfinished':
      await finishUnfinishedOpportunitySetupSave(workspaceId);
      return;
    case 'duplicateKeysStale':
      await rebuildStaleDuplicateKeys(workspaceId);
      return;
    case 'taskCountsStale':
      await recountTasks(workspaceId);
      return;
    case 'pipelineTotalsUnfinished':
      await finishDealTotals(workspaceId, problem.opportunityId);
      return;
    case 'pipelineTotalsStale':
      await recountPipelineTotals(workspaceId);
      return;
  }
}

/** Several persons of one company need one repair of that company. */
function dedupe(problems: IntegrityProblem[]): IntegrityProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = problem.kind === 'companyName' ? `company:${problem.companyId}` : JSON.stringify(problem);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Finds and repairs what multi-step writes left half-done in one workspace, a batch at a time (see
 * walkIntegrity). One problem that cannot be repaired does not stop the others.
 */
export async function repairWorkspace(workspaceId: string, options: CheckOptions = {}): Promise<RepairReport> {
  const report: RepairReport = { found: 0, repaired: 0, failures: [] };
  await walkIntegrity(workspaceId, options, async (problems) => {
    report.found += problems.length;
    for (const problem of dedupe(problems)) {
      try {
        await repair(workspaceId, problem);
        report.repaired += 1;
      } catch (error) {
        report.failures.push(`${problem.kind}: ${(error as Error).message}`);
      }
    }
  });
  return report;
}

/** The scheduled round for one workspace: deletions past their restore period go for good, then the repair. */
export async function maintainWorkspace(
  workspaceId: string,
  now: Date,
  settleMs: number,
): Promise<{ purged: number; mergesPurged: number; repair: RepairReport }> {
  const purged = await purgeDueDeletions(workspaceId, now);
  const repair = await repairWorkspace(workspaceId, { olderThan: new Date(now.getTime() - settleMs) });
  // After the repair: a merge it just finished is 'done' and, when past its undo period, purged in this round.
  const mergesPurged = await purgeDueMerges(workspaceId, now);
  return { purged, mergesPurged, repair };
}
