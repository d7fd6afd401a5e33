import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import type { Contact } from '../../services/contacts/contact.types';
import { cardFieldSections } from './contact-card.fields';
import type { ContactMessage } from './contact-card.view';
import { userMention } from './contact-links';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate } from './text';

const NAME_MAX = 100;

/**
 * A contact as posted in a channel: who it is and how to reach them — name, type, city, phone, e-mail, home page,
 * salesperson — and who shared it. Nothing internal (no notes, evaluations, codes or visit figures) and no button
 * that changes anything: "View in Kontakt" opens the card for whoever clicks, checked against their workspace.
 * Written in `tr`'s language: the channel's readers are many, so the caller picks the workspace's.
 */
export function sharedContactMessage(args: { contact: Contact; sharedBy: string }, tr: Translator): ContactMessage {
  const { contact } = args;
  const name = truncate(contact.name, NAME_MAX);
  const no = truncate(contact.no, 30);
  const sharer = userMention(args.sharedBy);
  const type = tr.t(contact.type === 'company' ? 'contact.type.company' : 'contact.type.person');
  const about = [
    contact.type === 'person' && contact.companyName
      ? tr.t('share.at', { type: `*${type}*`, company: escapeMrkdwn(truncate(contact.companyName, NAME_MAX)) })
      : `*${type}*`,
  ];
  if (contact.city?.trim()) about.push(escapeMrkdwn(truncate(contact.city.trim(), 60)));
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: plain(
        `${contact.type === 'company' ? ':office:' : ':bust_in_silhouette:'} ${name} (${no})`,
        SLACK.headerText,
      ),
    },
    { type: 'context', elements: [mrkdwn(about.join(' · '))] },
    ...cardFieldSections(contact, tr, { shown: ['phone', 'email', 'homePage', 'salespersonId'] }),
    { type: 'context', elements: [mrkdwn(tr.t('share.sharedBy', { user: sharer }))] },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain(tr.t('share.view'), SLACK.buttonText),
          action_id: ids.actions.viewContact,
          value: contact.id,
        },
      ],
    },
  ];
  return { text: tr.t('share.text', { user: sharer, name, no }), blocks };
}
