import type { Context } from '@slack/bolt';

/**
 * The workspace every stored document belongs to: the enterprise for org-wide installs, else the team.
 * Taken from Bolt's context, which comes from the signed request, never from values a user can edit.
 */
export function workspaceOf(context: Pick<Context, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall'>): string {
  const id = context.isEnterpriseInstall ? context.enterpriseId : (context.teamId ?? context.enterpriseId);
  if (!id) throw new Error('The request carries no workspace');
  return id;
}
