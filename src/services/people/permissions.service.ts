import type { WebClient } from '@slack/web-api';
import type { Contact } from '../contacts/contact.types';
import { getWorkspaceSetup } from '../setup/setup.service';
import type { WorkspaceSetup } from '../setup/setup.types';
import { getUserProfile, ROLE_FLAGS_MAX_AGE_MS } from './user-directory';

export interface Roles {
  /** Slack workspace admin or owner (from users.info, at most ROLE_FLAGS_MAX_AGE_MS old). */
  isSlackAdmin: boolean;
  /** May change setup: a Slack admin/owner or listed as admin in setup. */
  isAdmin: boolean;
  /** Sees the whole team's visits: listed as manager (admins count as managers too). */
  isManager: boolean;
}

/**
 * Who the user is to Kontakt. Pass the setup when the caller already has it, to save a read. Setup's roles are
 * read fresh every time (a change in setup counts at once); Slack's admin/owner flags are at most 30 s old.
 */
export async function rolesOf(
  client: WebClient,
  workspaceId: string,
  userId: string,
  setup?: WorkspaceSetup,
): Promise<Roles> {
  const [profile, current] = await Promise.all([
    getUserProfile(client, workspaceId, userId, { maxAgeMs: ROLE_FLAGS_MAX_AGE_MS }),
    setup ?? getWorkspaceSetup(workspaceId),
  ]);
  const isSlackAdmin = profile.isAdmin || profile.isOwner;
  const isAdmin = isSlackAdmin || current.roles.admins.includes(userId);
  return { isSlackAdmin, isAdmin, isManager: isAdmin || current.roles.managers.includes(userId) };
}

export async function isAdmin(client: WebClient, workspaceId: string, userId: string): Promise<boolean> {
  return (await rolesOf(client, workspaceId, userId)).isAdmin;
}

/** Anyone on the team edits contacts; only admins and the contact's salesperson delete one. */
export async function canDeleteContact(
  client: WebClient,
  workspaceId: string,
  userId: string,
  contact: Pick<Contact, 'salespersonId'>,
): Promise<boolean> {
  if (contact.salespersonId === userId) return true;
  return isAdmin(client, workspaceId, userId);
}
