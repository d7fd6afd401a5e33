import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Translator } from '../../i18n';
import type { Contact } from '../../services/contacts/contact.types';
import { notifyUser } from '../../slack/notify';
import { contactSavedCard } from './contact-card';

/** After the modal closed: the saved contact's card, where the user started (or in the DM). */
export async function confirmSaved(args: {
  client: WebClient;
  logger: Logger;
  workspaceId: string;
  userId: string;
  channelId?: string;
  contact: Contact;
  created: boolean;
  tr: Translator;
}): Promise<void> {
  try {
    const message = await contactSavedCard(
      args.client,
      args.workspaceId,
      args.userId,
      args.contact.id,
      args.tr,
      args.created,
    );
    if (!message) return;
    await notifyUser(args.client, args.logger, { userId: args.userId, channelId: args.channelId }, message);
  } catch (error) {
    // The contact is saved; only the confirmation failed. Say so in the log, never undo the save.
    args.logger.warn(
      `Contact ${args.contact.no} saved, but the confirmation could not be sent: ${(error as Error).message}`,
    );
  }
}
