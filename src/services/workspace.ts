import type { Context } from '@slack/bolt';

/**
 * The workspace every stored document belongs to: the enterprise for org-wide installs, else the team.
 * Taken from Bolt's context, which comes from the signed request, never from values a user can edit.
 */
export function workspaceOf(context: Pick<Context, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall'>): string {
  const id: unknown = context.isEnterpriseInstall ? context.enterpriseId : (context.teamId ?? context.enterpriseId);
  // Only a plain id: anything else (an object from a malformed payload) could widen a query to every workspace.
  if (typeof id !== 'string' || !/^[A-Z0-9]{2,32}$/i.test(id))
    throw new Error('The request carries no valid workspace');
  return id;
}
