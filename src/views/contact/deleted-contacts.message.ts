import type { KnownBlock } from '@slack/types';
import { t } from '../../i18n';
import { ids } from '../../ids';
import type { DeletionSummary, RestoreResult } from '../../services/contacts/contact-deletion.service';
import { mention } from '../setup/setup-mentions';
import { mrkdwn, plain, slackDate, SLACK, userText } from './text';

function what(deletion: DeletionSummary): string {
  if (deletion.type === 'person') return t('deleted.what.person');
  if (deletion.persons === 0) return t('deleted.what.company');
  if (deletion.persons === 1) return t('deleted.what.companyOnePerson');
  return t('deleted.what.companyPersons', { count: deletion.persons });
}

function deletionBlock(deletion: DeletionSummary): KnownBlock {
  return {
    type: 'section',
    text: mrkdwn(
      t('deleted.line', {
        name: userText(deletion.contactName, 100),
        no: userText(deletion.contactNo, 30),
        what: what(deletion),
        user: mention(deletion.deletedBy),
        when: slackDate(deletion.deletedAt),
        until: slackDate(deletion.purgeAfter),
      }),
    ),
    accessory: {
      type: 'button',
      text: plain(t('deleted.restore'), SLACK.buttonText),
      action_id: ids.actions.restoreContact,
      value: deletion.id,
    },
  };
}

/**
 * `/contact deleted` (admins): the contacts deleted in the last 30 days with a Restore button each, and, after a
 * restore, what it did on top.
 */
export function deletedContactsMessage(args: { deletions: DeletionSummary[]; notice?: string }): {
  text: string;
  blocks: KnownBlock[];
} {
  const blocks: KnownBlock[] = [];
  if (args.notice) blocks.push({ type: 'section', text: mrkdwn(args.notice) });
  blocks.push({ type: 'header', text: plain(t('deleted.title'), SLACK.headerText) });
  if (args.deletions.length === 0) {
    blocks.push({ type: 'section', text: mrkdwn(t('deleted.none')) });
  } else {
    blocks.push({ type: 'context', elements: [mrkdwn(t('deleted.intro'))] });
    blocks.push(...args.deletions.map(deletionBlock));
  }
  const text = args.notice ?? (args.deletions.length === 0 ? t('deleted.none') : t('deleted.title'));
  return { text, blocks: blocks.slice(0, SLACK.messageBlocks) };
}

/** What a Restore click did, in a sentence. */
export function restoreResultText(result: RestoreResult): string {
  switch (result.status) {
    case 'restored': {
      const { contactName: name, contactNo: no, persons } = result.deletion;
      const key =
        persons === 0 ? 'deleted.restored' : persons === 1 ? 'deleted.restoredOnePerson' : 'deleted.restoredPersons';
      return t(key, { name: userText(name, 100), no: userText(no, 30), persons });
    }
    case 'alreadyRestored':
      return t('deleted.alreadyRestored', {
        name: userText(result.deletion.contactName, 100),
        no: userText(result.deletion.contactNo, 30),
      });
    case 'companyDeleted':
      return t('deleted.companyDeleted', {
        name: userText(result.personName, 100),
        company: userText(result.companyName, 100),
        companyNo: userText(result.companyNo, 30),
      });
    case 'notAdmin':
      return t('deleted.notAdmin');
    case 'gone':
      return t('deleted.gone');
  }
}
