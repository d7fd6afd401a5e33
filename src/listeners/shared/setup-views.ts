import type { WebClient } from '@slack/web-api';
import { encodeMetadata } from '../../schemas/view-metadata';
import { getNextContactNo, getWorkspaceSetup } from '../../services/setup/setup.service';
import type { SetupSection, WorkspaceSetup } from '../../services/setup/setup.types';
import { getUserProfile } from '../../services/people/user-directory';
import { setupHomeModal } from '../../views/setup/setup-home.view';
import { setupSectionModal } from '../../views/setup/setup-section.view';

/** The root setup modal, as it is now. */
export async function buildSetupHome(workspaceId: string, setup?: WorkspaceSetup) {
  const current = setup ?? (await getWorkspaceSetup(workspaceId));
  const nextNo = await getNextContactNo(workspaceId);
  return setupHomeModal({
    setup: current,
    nextNo,
    privateMetadata: encodeMetadata({ workspaceId, version: current.version }),
  });
}

/** One section's form, drawn from the current setup; the admin's time zone pre-fills the digest's. */
export async function buildSetupSection(
  client: WebClient,
  workspaceId: string,
  userId: string,
  section: SetupSection,
  options: { setup?: WorkspaceSetup; duplicateRows?: WorkspaceSetup['duplicates']['rows'] } = {},
) {
  const setup = options.setup ?? (await getWorkspaceSetup(workspaceId));
  const [nextNo, profile] = await Promise.all([
    getNextContactNo(workspaceId),
    getUserProfile(client, workspaceId, userId),
  ]);
  return setupSectionModal({
    section,
    setup,
    nextNo,
    adminTimeZone: profile.tz,
    duplicateRows: options.duplicateRows,
    privateMetadata: encodeMetadata({ workspaceId, version: setup.version, section }),
  });
}
