import type { KnownBlock } from '@slack/types';
import { ids } from '../../ids';
import type { Translator } from '../../i18n';
import type { Visit } from '../../services/visits/visit.types';
import { escapeMrkdwn, plain, truncate } from '../contact/text';

const who = (visit: Visit) => `${visit.contactName} (${visit.contactNo})`;

/**
 * The follow-up DM: who, which visit, the first lines of what was noted, and Done / Snooze (tomorrow) / Log
 * follow-up — it goes to the salesperson alone, so buttons that change things are fine here.
 */
export function followUpReminderMessage({ tr, visit }: { tr: Translator; visit: Visit }): {
  text: string;
  blocks: KnownBlock[];
} {
  const text = tr.t('reminder.followUp', { who: who(visit), date: tr.date(visit.date) });
  const note = truncate(visit.description.split('\n').find((line) => line.trim() !== '') ?? '', 300);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `:alarm_clock: ${escapeMrkdwn(truncate(text, 2500))}` } },
  ];
  if (note) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `> ${escapeMrkdwn(note)}` }] });
  const button = (label: string, actionId: string, value: string, primary = false) => ({
    type: 'button' as const,
    text: plain(label, 75),
    action_id: actionId,
    value,
    ...(primary ? { style: 'primary' as const } : {}),
  });
  blocks.push({
    type: 'actions',
    elements: [
      button(tr.t('reminder.done'), ids.actions.reminderDone, visit.id, true),
      button(tr.t('reminder.snooze'), ids.actions.reminderSnooze, visit.id),
      ...(visit.contactId ? [button(tr.t('reminder.logFollowUp'), ids.actions.reminderLogFollowUp, visit.id)] : []),
      ...(visit.contactId ? [button(tr.t('reminder.viewContact'), ids.actions.viewContact, visit.contactId)] : []),
    ],
  });
  return { text, blocks };
}

/** The reminder once handled (Done or Snooze): what happened, and no buttons left to press twice. */
export function followUpHandledMessage(
  tr: Translator,
  visit: Visit,
  outcome: { done: true } | { snoozedTo: string },
): { text: string; blocks: KnownBlock[] } {
  const text =
    'done' in outcome
      ? tr.t('reminder.doneText', { who: who(visit) })
      : tr.t('reminder.snoozedText', { who: who(visit), time: outcome.snoozedTo });
  const emoji = 'done' in outcome ? ':white_check_mark:' : ':zzz:';
  return {
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `${emoji} ${escapeMrkdwn(truncate(text, 2500))}` } }],
  };
}
