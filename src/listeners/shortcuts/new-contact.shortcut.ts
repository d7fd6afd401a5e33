import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs, GlobalShortcut } from '@slack/bolt';
import { t } from '../../i18n';
import { workspaceOf } from '../../services/workspace';
import { notifyUser } from '../../slack/notify';
import { openContactModal } from '../shared/contact-modal';
import { isTriggerError } from '../shared/slack-errors';

type Args = SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs;

/** Global shortcut "New contact": the same modal as `/contact new`. */
export async function openNewContact({ ack, shortcut, client, context, logger }: Args): Promise<void> {
  await ack();
  try {
    await openContactModal(client, shortcut.trigger_id, {
      workspaceId: workspaceOf(context),
      userId: shortcut.user.id,
      type: 'company',
    });
  } catch (error) {
    logger.warn(`Could not open the contact modal: ${(error as Error).message}`);
    // A global shortcut has no channel and no response_url: the DM is the only way to tell the user.
    await notifyUser(
      client,
      logger,
      { userId: shortcut.user.id },
      { text: t(isTriggerError(error) ? 'error.triggerExpired' : 'error.generic') },
    ).catch(() => undefined);
  }
}
