import type { ModalView } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import type { Contact } from '../../services/contacts/contact.types';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate } from './text';

/**
 * "Merge with…" from a card's ⋯ menu: which other contact is the same as this one (a typeahead of contacts of its
 * type), then Next opens the field-by-field merge modal in its place. Pure: the listener brings the contact.
 */
export function mergePickModal(args: {
  tr: Translator;
  contact: Pick<Contact, 'no' | 'name' | 'type'>;
  privateMetadata: string;
}): ModalView {
  const { tr, contact } = args;
  const company = contact.type === 'company';
  return {
    type: 'modal',
    callback_id: ids.merge.pickModal,
    private_metadata: args.privateMetadata,
    title: plain(tr.t('merge.pick.title'), SLACK.modalTitle),
    submit: plain(tr.t('merge.pick.next'), SLACK.modalTitle),
    close: plain(tr.t('merge.cancel'), SLACK.modalTitle),
    blocks: [
      {
        type: 'section',
        text: mrkdwn(
          tr.t(company ? 'merge.pick.introCompany' : 'merge.pick.introPerson', {
            name: escapeMrkdwn(truncate(contact.name, 80)),
            no: escapeMrkdwn(truncate(contact.no, 30)),
          }),
        ),
      },
      {
        type: 'input',
        block_id: ids.merge.blocks.pick,
        label: plain(tr.t(company ? 'merge.pick.labelCompany' : 'merge.pick.labelPerson'), 2000),
        element: {
          type: 'external_select',
          action_id: ids.merge.actions.pick,
          placeholder: plain(tr.t('merge.pick.placeholder'), 150),
          min_query_length: 1,
        },
        hint: plain(tr.t('merge.pick.hint'), 2000),
      },
    ],
  };
}
