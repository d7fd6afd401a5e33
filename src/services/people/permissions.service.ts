import type { WebClient } from '@slack/web-api';
import type { Contact } from '../contacts/contact.types';
import { getUserProfile } from './user-directory';

/** Workspace admins and owners (from Slack) are Kontakt admins. Setup will add its own list of admins. */
export async function isAdmin(client: WebClient, workspaceId: string, userId: string): Promise<boolean> {
  const profile = await getUserProfile(client, workspaceId, userId);
  return profile.isAdmin || profile.isOwner;
}

/** Anyone on the team edits contacts; only admins and the contact's salesperson delete one. */
export async function canDeleteContact(client: WebClient, workspaceId: string, userId: string, contact: Pick<Contact, 'salespersonId'>): Promise<boolean> {
  if (contact.salespersonId === userId) return true;
  return isAdmin(client, workspaceId, userId);
}
