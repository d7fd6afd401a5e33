import type { KnownBlock, ModalView } from '@slack/types';
import { translator, type Translator } from '../../i18n';
import { ids } from '../../ids';
import type { DeletionSummary } from '../../services/contacts/contact-deletion.service';
import { mrkdwn, plain, readerDate, SLACK, truncate, userText } from './text';

const NAME_MAX = 100;

/** "Deleted Nordlys Maskin AS (CT000042) and its 2 persons. Logged visits are kept." */
export function deletionDoneText(
  tr: Translator,
  deletion: DeletionSummary,
  format: (text: string, max: number) => string = truncate,
) {
  const key =
    deletion.persons === 0
      ? 'contact.delete.done'
      : deletion.persons === 1
        ? 'contact.delete.doneWithOnePerson'
        : 'contact.delete.doneWithPersons';
  return tr.t(key, {
    name: format(deletion.contactName, NAME_MAX),
    no: format(deletion.contactNo, 30),
    persons: deletion.persons,
  });
}

function deletedBlocks(tr: Translator, deletion: DeletionSummary, undo: boolean): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(`:wastebasket: ${deletionDoneText(tr, deletion, userText)}`) },
    {
      type: 'context',
      elements: [mrkdwn(tr.t('contact.delete.restorable', { until: readerDate(tr, deletion.purgeAfter) }))],
    },
  ];
  // Undo is a restore, which only admins may do: others are told above who can.
  if (undo)
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain(tr.t('contact.delete.undo'), SLACK.buttonText),
          action_id: ids.actions.undoDelete,
          value: deletion.id,
        },
      ],
    });
  return blocks;
}

/**
 * What the delete confirmations are given. `tr` is the reader's language (trOf(args)); the card's listener, which
 * does not pass it yet, gets English.
 */
export interface ContactDeletedArgs {
  deletion: DeletionSummary;
  undo: boolean;
  tr?: Translator;
}

/** The confirmation of a delete, in place of the card it was clicked on; admins get Undo. */
export function contactDeletedMessage(args: ContactDeletedArgs): {
  text: string;
  blocks: KnownBlock[];
} {
  const tr = args.tr ?? translator('en');
  return { text: deletionDoneText(tr, args.deletion), blocks: deletedBlocks(tr, args.deletion, args.undo) };
}

/** The same confirmation in the modal the card was shown in. */
export function contactDeletedModal(args: ContactDeletedArgs): ModalView {
  const tr = args.tr ?? translator('en');
  return {
    type: 'modal',
    title: plain('Kontakt', SLACK.modalTitle),
    close: plain(tr.t('card.modal.close'), SLACK.modalTitle),
    blocks: deletedBlocks(tr, args.deletion, args.undo),
  };
}
