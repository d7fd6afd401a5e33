import { markUninstalled } from '../../services/workspace-lifecycle.service';
import { kontaktOf, type EventArgs } from '../frame';

/**
 * Kontakt was uninstalled, or its bot token revoked: forget the tokens at once, stop the workspace's jobs, and
 * schedule its data for deletion after the grace period (a reinstall before then keeps everything).
 */
export async function forgetWorkspace({
  event,
  body,
  context,
  logger,
}: EventArgs<'app_uninstalled' | 'tokens_revoked'>): Promise<void> {
  if (event.type === 'tokens_revoked' && !(event.tokens.bot ?? []).length) return;
  const envelope = body as { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean };
  const { scheduler, retentionDays } = kontaktOf(context);
  const { workspaceId, deleteAfter } = await markUninstalled(
    {
      teamId: envelope.team_id,
      enterpriseId: envelope.enterprise_id,
      isEnterpriseInstall: Boolean(envelope.is_enterprise_install),
    },
    retentionDays,
  );
  await scheduler.cancelWorkspaceJobs(workspaceId);
  await scheduler.scheduleDataRemoval(workspaceId, deleteAfter);
  logger.info(
    `${event.type} for ${workspaceId}: tokens removed; its data will be deleted after ${deleteAfter.toISOString()} unless Kontakt is reinstalled`,
  );
}
