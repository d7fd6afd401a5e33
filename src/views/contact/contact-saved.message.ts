import type { KnownBlock } from '@slack/types';
import { t } from '../../i18n';
import { contactCard, type ContactCardData, type ContactMessage } from './contact-card.view';
import { mrkdwn, SLACK, truncate, userText } from './text';

export interface ContactSavedArgs extends Omit<ContactCardData, 'shareable'> {
  /** Offer "Share to channel" on the card; on by default, since the creator is the one likely to share it. */
  shareable?: boolean;
  /** A new contact (true) or an edit; the wording is the same, the card shows the result either way. */
  created?: boolean;
}

/** What the person who saved a contact sees: "Saved Nordlys Maskin AS (CT000042)" and the card, ready to share. */
export function contactSavedMessage(args: ContactSavedArgs): ContactMessage {
  const { contact } = args;
  const text = t('card.saved', { name: truncate(contact.name, 100), no: truncate(contact.no, 30) });
  const line = t('card.saved', { name: `*${userText(contact.name, 100)}*`, no: userText(contact.no, 30) });
  const confirmation: KnownBlock = { type: 'section', text: mrkdwn(`:white_check_mark: ${line}`) };
  const card = contactCard({ ...args, shareable: args.shareable ?? true });
  return { text, blocks: [confirmation, ...card.blocks].slice(0, SLACK.messageBlocks) };
}
