import type { KnownBlock, ModalView } from '@slack/types';
import { t } from '../../i18n';
import { ids } from '../../ids';
import type { DeletionSummary } from '../../services/contacts/contact-deletion.service';
import { mrkdwn, plain, slackDate, SLACK, truncate, userText } from './text';

const NAME_MAX = 100;

/** "Deleted Nordlys Maskin AS (CT000042) and its 2 persons. Logged visits are kept." */
export function deletionDoneText(deletion: DeletionSummary, format: (text: string, max: number) => string = truncate) {
  const key =
    deletion.persons === 0
      ? 'contact.delete.done'
      : deletion.persons === 1
        ? 'contact.delete.doneWithOnePerson'
        : 'contact.delete.doneWithPersons';
  return t(key, {
    name: format(deletion.contactName, NAME_MAX),
    no: format(deletion.contactNo, 30),
    persons: deletion.persons,
  });
}

function deletedBlocks(deletion: DeletionSummary, undo: boolean): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(`:wastebasket: ${deletionDoneText(deletion, userText)}`) },
    {
      type: 'context',
      elements: [mrkdwn(t('contact.delete.restorable', { until: slackDate(deletion.purgeAfter) }))],
    },
  ];
  // Undo is a restore, which only admins may do: others are told above who can.
  if (undo)
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain(t('contact.delete.undo'), SLACK.buttonText),
          action_id: ids.actions.undoDelete,
          value: deletion.id,
        },
      ],
    });
  return blocks;
}

/** The confirmation of a delete, in place of the card it was clicked on; admins get Undo. */
export function contactDeletedMessage(args: { deletion: DeletionSummary; undo: boolean }): {
  text: string;
  blocks: KnownBlock[];
} {
  return { text: deletionDoneText(args.deletion), blocks: deletedBlocks(args.deletion, args.undo) };
}

/** The same confirmation in the modal the card was shown in. */
export function contactDeletedModal(args: { deletion: DeletionSummary; undo: boolean }): ModalView {
  return {
    type: 'modal',
    title: plain('Kontakt', SLACK.modalTitle),
    close: plain(t('card.modal.close'), SLACK.modalTitle),
    blocks: deletedBlocks(args.deletion, args.undo),
  };
}
