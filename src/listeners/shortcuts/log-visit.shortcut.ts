import { findMentionedContacts, type MentionResult } from '../../services/contacts/contact-mention.service';
import { guarded, workspaceIdOf, type GlobalShortcutArgs, type MessageShortcutArgs, trOf } from '../frame';
import { buildLogVisitModal } from '../shared/log-visit-modal';

/** The message's link; a visit is still worth logging without it, so failures only cost the link. */
async function permalinkOf(args: MessageShortcutArgs): Promise<string | undefined> {
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
 * "Log visit" on a message: the modal opens pre-filled with the message and its link, with the contact the message
 * names picked, or the two or three it may mean offered. Everything before views.open runs in parallel: the trigger
 * lasts 3 s.
 */
export function openLogVisitFromMessage(args: MessageShortcutArgs): Promise<void> {
  return guarded(args, 'Opening the log-visit modal from a message', async () => {
    const { shortcut } = args;
    const workspaceId = workspaceIdOf(args);
    // Slack always sends the message; a payload without one still gets an answer rather than an exception.
    const text = typeof shortcut.message?.text === 'string' ? shortcut.message.text : '';
    const [permalink, mentioned] = await Promise.all([
      permalinkOf(args),
      findMentionedContacts(workspaceId, text).catch((error: Error): MentionResult => {
        // A guess is a convenience: the modal opens without one rather than not at all.
        args.logger.warn(`Finding the contact a message names failed (${error.message}); opening without a guess`);
        return { candidates: [] };
      }),
    ]);
    const view = await buildLogVisitModal(args.client, {
      tr: trOf(args),
      workspaceId,
      userId: shortcut.user.id,
      contact: mentioned.picked,
      candidates: mentioned.candidates,
      message: { text, channelId: shortcut.channel?.id, ts: shortcut.message?.ts, permalink },
    });
    await args.client.views.open({ trigger_id: shortcut.trigger_id, view });
  });
}

/** "Log visit" from the shortcut menu: no message, the contact is picked in the modal. */
export function openLogVisitFromMenu(args: GlobalShortcutArgs): Promise<void> {
  return guarded(args, 'Opening the log-visit modal', async () => {
    const view = await buildLogVisitModal(args.client, {
      tr: trOf(args),
      workspaceId: workspaceIdOf(args),
      userId: args.shortcut.user.id,
    });
    await args.client.views.open({ trigger_id: args.shortcut.trigger_id, view });
  });
}
