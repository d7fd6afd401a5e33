import type { Translator } from '../../i18n';
import { contactCard, type ContactCardData, type ContactMessage } from './contact-card.view';
import { truncate, userText } from './text';

export interface ContactSavedArgs extends Omit<ContactCardData, 'shareable'> {
  /** Offer "Share to channel" on the card; on by default, since the creator is the one likely to share it. */
  shareable?: boolean;
  /** A new contact (true) or an edit; the wording is the same, the card shows the result either way. */
  created?: boolean;
}

/** What the person who saved a contact sees: "Saved Nordlys Maskin AS (CT000042)" and the card, ready to share. */
export function contactSavedMessage(args: ContactSavedArgs, tr: Translator): ContactMessage {
  const { contact } = args;
  const text = tr.t('card.saved', { name: truncate(contact.name, 100), no: truncate(contact.no, 30) });
  const line = tr.t('card.saved', { name: `*${userText(contact.name, 100)}*`, no: userText(contact.no, 30) });
  const card = contactCard({ ...args, shareable: args.shareable ?? true, notice: `:white_check_mark: ${line}` }, tr);
  return { text, blocks: card.blocks };
}
