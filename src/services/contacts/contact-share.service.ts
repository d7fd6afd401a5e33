import { getWorkspaceSetup } from '../setup/setup.service';
import type { WorkspaceSetup } from '../setup/setup.types';
import { getContact } from './contact.service';
import type { Contact } from './contact.types';

export type ShareCheck =
  /** Setup has sharing to channels turned off. */
  | { status: 'off' }
  /** No such contact in this workspace (deleted, another workspace's, or a forged id). */
  | { status: 'gone' }
  | { status: 'ready'; contact: Contact };

/** Whether this workspace lets contact cards be shared to channels (setup's switch; on by default). */
export function sharingAllowed(setup: Pick<WorkspaceSetup, 'sharingEnabled'>): boolean {
  return setup.sharingEnabled !== false;
}

/**
 * What may be shared of `contactId` in this workspace, checked at the moment of sharing: setup may have turned
 * sharing off since the card was drawn, and the id comes from a payload.
 */
export async function contactToShare(workspaceId: string, contactId: unknown): Promise<ShareCheck> {
  const setup = await getWorkspaceSetup(workspaceId);
  if (!sharingAllowed(setup)) return { status: 'off' };
  const contact = await getContact(workspaceId, contactId);
  return contact ? { status: 'ready', contact } : { status: 'gone' };
}
