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

/**
 * Who is asking, as the services that re-check rights need it. The admin check (a users.info call and a setup
 * read) runs only when a rule needs it, once per request.
 */
export interface Actor {
  userId: string;
  isAdmin(): Promise<boolean>;
  /** A user's display name, for a sentence that names them. */
  nameOf(userId: string): Promise<string>;
}

/** The actor behind a Slack request. */
export function slackActor(client: WebClient, workspaceId: string, userId: string): Actor {
  let admin: Promise<boolean> | undefined;
  return {
    userId,
    isAdmin: () => (admin ??= isAdmin(client, workspaceId, userId)),
    nameOf: async (id) => (await getUserProfile(client, workspaceId, id)).name,
  };
}

/**
 * The one rule on a contact's ownership: admins and the contact's current salesperson may delete it, and only
 * they may hand it to another salesperson (or take it away). Anyone on the team may edit everything else.
 * Without this second half a member could make themself the salesperson and then delete the contact.
 */
export function mayManageContact(
  viewer: { userId: string; isAdmin: boolean },
  contact: Pick<Contact, 'salespersonId'>,
): boolean {
  return viewer.isAdmin || (contact.salespersonId !== undefined && contact.salespersonId === viewer.userId);
}

/** The same rule for an actor: asks Slack whether they are an admin only when they are not the salesperson. */
export async function actorMayManageContact(actor: Actor, contact: Pick<Contact, 'salespersonId'>): Promise<boolean> {
  if (mayManageContact({ userId: actor.userId, isAdmin: false }, contact)) return true;
  return actor.isAdmin();
}
