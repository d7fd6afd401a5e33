import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Contact } from '../../services/contacts/contact.types';
import { loadContactCard } from '../../services/contacts/contact-card.service';
import { actorMayManageContact, slackActor } from '../../services/people/permissions.service';
import { notifyUser } from '../../slack/notify';
import { contactSavedMessage } from '../../views/contact/contact-saved.message';

/** After the modal closed: the saved contact's card, where the user started (or in the DM). */
export async function confirmSaved(args: {
  client: WebClient;
  logger: Logger;
  workspaceId: string;
  userId: string;
  channelId?: string;
  contact: Contact;
  created: boolean;
}): Promise<void> {
  try {
    const data = (await loadContactCard(args.workspaceId, args.contact.id)) ?? { contact: args.contact };
    const actor = slackActor(args.client, args.workspaceId, args.userId);
    const canDelete = await actorMayManageContact(actor, args.contact);
    const message = contactSavedMessage({ ...data, canEdit: true, canDelete, created: args.created });
    await notifyUser(args.client, args.logger, { userId: args.userId, channelId: args.channelId }, message);
  } catch (error) {
    // The contact is saved; only the confirmation failed. Say so in the log, never undo the save.
    args.logger.warn(
      `Contact ${args.contact.no} saved, but the confirmation could not be sent: ${(error as Error).message}`,
    );
  }
}
