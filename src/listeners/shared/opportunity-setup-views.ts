import type { Translator } from '../../i18n';
import { encodeMetadata } from '../../schemas/view-metadata';
import type { OppSetupSection } from '../../services/opportunities/opportunity-setup.sections';
import { getOpportunitySetup } from '../../services/opportunities/opportunity-setup.service';
import { nextOpportunityNo } from '../../services/opportunities/opportunity.service';
import type { OpportunitySetup, SalesCycle } from '../../services/opportunities/opportunity.types';
import { oppSetupSectionModal, salesCycleModal } from '../../views/setup/opportunity-setup.view';

/** One sales-opportunity section's form, drawn from the opportunity setup as it is now (or as just saved). */
export async function buildOppSetupSection(
  tr: Translator,
  workspaceId: string,
  section: OppSetupSection,
  options: { setup?: OpportunitySetup; note?: string; warning?: string } = {},
) {
  const [setup, nextNo] = await Promise.all([
    options.setup ?? getOpportunitySetup(workspaceId),
    nextOpportunityNo(workspaceId),
  ]);
  return oppSetupSectionModal(tr, {
    section,
    setup,
    nextNo,
    note: options.note,
    warning: options.warning,
    privateMetadata: encodeMetadata({ workspaceId, version: setup.version, section }),
  });
}

/** The modal for one sales cycle (`cycle` absent: a new one), remembering the list it was opened from. */
export function buildCycleModal(
  tr: Translator,
  workspaceId: string,
  setup: OpportunitySetup,
  listViewId: string,
  cycle?: SalesCycle,
) {
  return salesCycleModal(tr, {
    cycle,
    privateMetadata: encodeMetadata({
      workspaceId,
      version: setup.version,
      section: 'salesCycles',
      listViewId,
      code: cycle?.code,
    }),
  });
}
