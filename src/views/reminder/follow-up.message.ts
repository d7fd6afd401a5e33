import type { KnownBlock } from '@slack/types';
import { ids } from '../../ids';
import { t } from '../../i18n';
import type { Visit } from '../../services/visits/visit.types';
import { escapeMrkdwn, plain, truncate } from '../contact/text';

/** The follow-up DM: who, which visit, the first lines of what was noted, and a way back to the contact. */
export function followUpReminderMessage({ visit }: { visit: Visit }): { text: string; blocks: KnownBlock[] } {
  const who = `${visit.contactName} (${visit.contactNo})`;
  const text = t('reminder.followUp', { who, date: visit.date });
  const note = truncate(visit.description.split('\n').find((line) => line.trim() !== '') ?? '', 300);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `:alarm_clock: ${escapeMrkdwn(truncate(text, 2500))}` } },
  ];
  if (note) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `> ${escapeMrkdwn(note)}` }] });
  if (visit.contactId) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain(t('reminder.viewContact'), 75),
          action_id: ids.actions.viewContact,
          value: visit.contactId,
        },
      ],
    });
  }
  return { text, blocks };
}
