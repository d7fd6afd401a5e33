import type { WebClient } from '@slack/web-api';
import type { Translator } from '../../i18n';
import { encodeMetadata } from '../../schemas/view-metadata';
import { getNextContactNo, getWorkspaceSetup } from '../../services/setup/setup.service';
import type { InteractionType, SetupSection, WorkspaceSetup } from '../../services/setup/setup.types';
import { getUserProfile } from '../../services/people/user-directory';
import { setupHomeModal } from '../../views/setup/setup-home.view';
import { setupSectionModal } from '../../views/setup/setup-section.view';
import { interactionTypeModal } from '../../views/setup/setup-types.view';
import { getOpportunitySetup } from '../../services/opportunities/opportunity-setup.service';
import { nextOpportunityNo } from '../../services/opportunities/opportunity.service';

/**
 * The root setup modal, as it is now. `registerEnabled` is the installation's COMPANY_REGISTER: when off, the
 * Enhetsregisteret section is not shown (no register feature is).
 */
export async function buildSetupHome(
  tr: Translator,
  workspaceId: string,
  registerEnabled: boolean,
  setup?: WorkspaceSetup,
) {
  const current = setup ?? (await getWorkspaceSetup(workspaceId));
  const [nextNo, opportunitySetup, nextOppNo] = await Promise.all([
    getNextContactNo(workspaceId),
    getOpportunitySetup(workspaceId),
    nextOpportunityNo(workspaceId),
  ]);
  return setupHomeModal(tr, {
    setup: current,
    nextNo,
    opportunities: { setup: opportunitySetup, nextNo: nextOppNo },
    hidden: registerEnabled ? [] : ['register'],
    privateMetadata: encodeMetadata({ workspaceId, version: current.version }),
  });
}

/** One section's form, drawn from the current setup; the admin's time zone pre-fills the digest's. */
export async function buildSetupSection(
  tr: Translator,
  client: WebClient,
  workspaceId: string,
  userId: string,
  section: SetupSection,
  options: { setup?: WorkspaceSetup; duplicateRows?: WorkspaceSetup['duplicates']['rows']; note?: string } = {},
) {
  const setup = options.setup ?? (await getWorkspaceSetup(workspaceId));
  const [nextNo, profile] = await Promise.all([
    getNextContactNo(workspaceId),
    section === 'digest' ? getUserProfile(client, workspaceId, userId) : undefined,
  ]);
  return setupSectionModal(tr, {
    section,
    setup,
    nextNo,
    adminTimeZone: profile?.tz ?? 'UTC',
    duplicateRows: options.duplicateRows,
    note: options.note,
    privateMetadata: encodeMetadata({ workspaceId, version: setup.version, section }),
  });
}

/** The modal for one interaction type (`type` absent: a new one), remembering the list it was opened from. */
export function buildTypeModal(
  tr: Translator,
  workspaceId: string,
  setup: WorkspaceSetup,
  listViewId: string,
  type?: InteractionType,
) {
  return interactionTypeModal(tr, {
    type,
    privateMetadata: encodeMetadata({ workspaceId, version: setup.version, listViewId, code: type?.code }),
  });
}
