import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import type { DeletionSummary, RestoreResult } from '../../services/contacts/contact-deletion.service';
import { mention } from '../setup/setup-mentions';
import { mrkdwn, plain, readerDate, SLACK, userText } from './text';

function what(tr: Translator, deletion: DeletionSummary): string {
  if (deletion.type === 'person') return tr.t('deleted.what.person');
  if (deletion.persons === 0) return tr.t('deleted.what.company');
  if (deletion.persons === 1) return tr.t('deleted.what.companyOnePerson');
  return tr.t('deleted.what.companyPersons', { count: deletion.persons });
}

function deletionBlock(tr: Translator, deletion: DeletionSummary): KnownBlock {
  return {
    type: 'section',
    text: mrkdwn(
      tr.t('deleted.line', {
        name: userText(deletion.contactName, 100),
        no: userText(deletion.contactNo, 30),
        what: what(tr, deletion),
        user: mention(deletion.deletedBy),
        when: readerDate(tr, deletion.deletedAt),
        until: readerDate(tr, deletion.purgeAfter),
      }),
    ),
    accessory: {
      type: 'button',
      text: plain(tr.t('deleted.restore'), SLACK.buttonText),
      action_id: ids.actions.restoreContact,
      value: deletion.id,
    },
  };
}

/**
 * `/contact deleted` (admins): the contacts deleted in the last 30 days with a Restore button each, and, after a
 * restore, what it did on top.
 */
export function deletedContactsMessage(args: { tr: Translator; deletions: DeletionSummary[]; notice?: string }): {
  text: string;
  blocks: KnownBlock[];
} {
  const { tr } = args;
  const blocks: KnownBlock[] = [];
  if (args.notice) blocks.push({ type: 'section', text: mrkdwn(args.notice) });
  blocks.push({ type: 'header', text: plain(tr.t('deleted.title'), SLACK.headerText) });
  if (args.deletions.length === 0) {
    blocks.push({ type: 'section', text: mrkdwn(tr.t('deleted.none')) });
  } else {
    blocks.push({ type: 'context', elements: [mrkdwn(tr.t('deleted.intro'))] });
    blocks.push(...args.deletions.map((deletion) => deletionBlock(tr, deletion)));
  }
  const text = args.notice ?? (args.deletions.length === 0 ? tr.t('deleted.none') : tr.t('deleted.title'));
  return { text, blocks: blocks.slice(0, SLACK.messageBlocks) };
}

/** What a Restore click did, in a sentence. */
export function restoreResultText(tr: Translator, result: RestoreResult): string {
  switch (result.status) {
    case 'restored': {
      const { contactName: name, contactNo: no, persons } = result.deletion;
      const key =
        persons === 0 ? 'deleted.restored' : persons === 1 ? 'deleted.restoredOnePerson' : 'deleted.restoredPersons';
      return tr.t(key, { name: userText(name, 100), no: userText(no, 30), persons });
    }
    case 'alreadyRestored':
      return tr.t('deleted.alreadyRestored', {
        name: userText(result.deletion.contactName, 100),
        no: userText(result.deletion.contactNo, 30),
      });
    case 'companyDeleted':
      return tr.t('deleted.companyDeleted', {
        name: userText(result.personName, 100),
        company: userText(result.companyName, 100),
        companyNo: userText(result.companyNo, 30),
      });
    case 'notAdmin':
      return tr.t('deleted.notAdmin');
    case 'gone':
      return tr.t('deleted.gone');
  }
}
