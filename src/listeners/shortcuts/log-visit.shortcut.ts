import type { AllMiddlewareArgs, GlobalShortcut, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { t } from '../../i18n';
import { findMentionedContact } from '../../services/contacts/contact-mention.service';
import { workspaceOf } from '../../services/workspace';
import { notifyUser } from '../../slack/notify';
import { buildLogVisitModal } from '../shared/log-visit-modal';
import { isTriggerError } from '../shared/slack-errors';

type MessageArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;
type GlobalArgs = SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs;

/** The message's link; a visit is still worth logging without it, so failures only cost the link. */
async function permalinkOf(args: MessageArgs): Promise<string | undefined> {
  try {
    const { permalink } = await args.client.chat.getPermalink({
      channel: args.shortcut.channel.id,
      message_ts: args.shortcut.message.ts,
    });
    return permalink;
  } catch (error) {
    args.logger.warn(`No link to the message (${(error as Error).message}); logging the visit without it`);
    return undefined;
  }
}

/**
 * "Log visit" on a message: the modal opens pre-filled with the message and its link, and with the contact the
 * message names when it names exactly one. Everything before views.open runs in parallel: the trigger lasts 3 s.
 */
export async function openLogVisitFromMessage(args: MessageArgs): Promise<void> {
  await args.ack();
  const { shortcut } = args;
  const workspaceId = workspaceOf(args.context);
  try {
    // Slack always sends the message; a payload without one still gets an answer rather than an exception.
    const text = typeof shortcut.message?.text === 'string' ? shortcut.message.text : '';
    const [permalink, contact] = await Promise.all([
      permalinkOf(args),
      findMentionedContact(workspaceId, text).catch(() => undefined),
    ]);
    const view = await buildLogVisitModal(args.client, {
      workspaceId,
      userId: shortcut.user.id,
      contact,
      message: { text, channelId: shortcut.channel?.id, ts: shortcut.message?.ts, permalink },
    });
    await args.client.views.open({ trigger_id: shortcut.trigger_id, view });
  } catch (error) {
    args.logger.warn(`Could not open the log-visit modal: ${(error as Error).message}`);
    await args
      .respond({
        response_type: 'ephemeral',
        text: t(isTriggerError(error) ? 'error.triggerExpired' : 'error.tryAgain'),
      })
      .catch(() => undefined);
  }
}

/** "Log visit" from the shortcut menu: no message, the contact is picked in the modal. */
export async function openLogVisitFromMenu(args: GlobalArgs): Promise<void> {
  await args.ack();
  try {
    const view = await buildLogVisitModal(args.client, {
      workspaceId: workspaceOf(args.context),
      userId: args.shortcut.user.id,
    });
    await args.client.views.open({ trigger_id: args.shortcut.trigger_id, view });
  } catch (error) {
    args.logger.warn(`Could not open the log-visit modal: ${(error as Error).message}`);
    await notifyUser(
      args.client,
      args.logger,
      { userId: args.shortcut.user.id },
      { text: t(isTriggerError(error) ? 'error.triggerExpired' : 'error.tryAgain') },
    ).catch(() => undefined);
  }
}
