import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { snoozeValue, taskMenuValue, type SnoozeOption } from '../../schemas/task-values';
import type { Task } from '../../services/tasks/task.types';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate } from '../contact/text';
import { mention } from '../visit/visit-format';
import { taskLine } from './task-format';

export interface TaskMessage {
  text: string;
  blocks: KnownBlock[];
}

const SNOOZE_KEYS = {
  tomorrow: 'task.snooze.tomorrow',
  monday: 'task.snooze.monday',
  pick: 'task.snooze.pick',
} as const satisfies Record<SnoozeOption, string>;

/**
 * Done, Snooze (tomorrow / next Monday / pick a date) and a ⋯ menu with Open contact, Edit and Cancel task — two
 * controls and a menu, so the row stays one line on a phone: for the assignee's own surfaces (Home, the reminder
 * DM, their lists) — never for a channel. Who may press them is checked when they are pressed.
 */
export function taskControls(tr: Translator, task: Pick<Task, 'id' | 'contactId'>, blockId?: string): ActionsBlock {
  return {
    type: 'actions',
    ...(blockId ? { block_id: blockId } : {}),
    elements: [
      {
        type: 'button',
        text: plain(tr.t('task.button.done'), SLACK.buttonText),
        action_id: ids.task.actions.done,
        value: task.id,
        style: 'primary',
      },
      {
        type: 'static_select',
        action_id: ids.task.actions.snooze,
        placeholder: plain(tr.t('task.button.snooze'), SLACK.placeholder),
        options: (Object.keys(SNOOZE_KEYS) as SnoozeOption[]).map((choice) => ({
          text: plain(tr.t(SNOOZE_KEYS[choice]), SLACK.optionText),
          value: snoozeValue.encode(choice, task.id),
        })),
      },
      {
        type: 'overflow',
        action_id: ids.task.actions.menu,
        options: [
          {
            text: plain(tr.t('task.button.openContact'), SLACK.optionText),
            value: taskMenuValue.encode('open', task.contactId),
          },
          { text: plain(tr.t('task.button.edit'), SLACK.optionText), value: taskMenuValue.encode('edit', task.id) },
          { text: plain(tr.t('task.button.cancel'), SLACK.optionText), value: taskMenuValue.encode('cancel', task.id) },
        ],
      },
    ],
  };
}

function noteBlock(task: Task): KnownBlock[] {
  const note = task.note.split('\n').find((line) => line.trim() !== '');
  return note ? [{ type: 'context', elements: [mrkdwn(`> ${escapeMrkdwn(truncate(note, 300))}`)] }] : [];
}

/** The reminder DM on the due day: the task, and Done / Snooze / Open contact. */
export function taskReminderMessage(tr: Translator, task: Task, context: { today: string }): TaskMessage {
  const text = tr.t('task.reminder.text', { title: truncate(task.title, 150), contact: task.contactName });
  return {
    text,
    blocks: [
      { type: 'section', text: mrkdwn(`:alarm_clock: ${tr.t('task.reminder.heading')}`) },
      { type: 'section', text: mrkdwn(taskLine(tr, task, { today: context.today })) },
      ...noteBlock(task),
      taskControls(tr, task),
    ],
  };
}

/** The DM to someone given a task by someone else, at once. */
export function taskAssignedMessage(tr: Translator, task: Task, context: { today: string }): TaskMessage {
  const text = tr.t('task.assigned.text', {
    title: truncate(task.title, 150),
    contact: task.contactName,
  });
  return {
    text,
    blocks: [
      {
        type: 'section',
        text: mrkdwn(`:inbox_tray: ${tr.t('task.assigned.heading', { by: mention(task.createdBy) })}`),
      },
      { type: 'section', text: mrkdwn(taskLine(tr, task, { today: context.today })) },
      ...noteBlock(task),
      taskControls(tr, task),
    ],
  };
}

/** A reminder (or assignment DM) once handled: what happened, with no buttons left to press twice. */
export type TaskOutcome = { done: true } | { snoozedTo: string } | { cancelled: true } | { edited: true };

export function taskHandledMessage(tr: Translator, task: Task, outcome: TaskOutcome): TaskMessage {
  const title = truncate(task.title, 150);
  const text =
    'done' in outcome
      ? tr.t('task.handled.done', { title })
      : 'cancelled' in outcome
        ? tr.t('task.handled.cancelled', { title })
        : 'edited' in outcome
          ? tr.t('task.handled.edited', { title, date: tr.longDate(task.dueDate) })
          : tr.t('task.handled.snoozed', { title, date: tr.longDate(outcome.snoozedTo) });
  const emoji =
    'done' in outcome
      ? ':white_check_mark:'
      : 'cancelled' in outcome
        ? ':no_entry_sign:'
        : 'edited' in outcome
          ? ':pencil2:'
          : ':zzz:';
  return { text, blocks: [{ type: 'section', text: mrkdwn(`${emoji} ${escapeMrkdwn(text)}`) }] };
}

/** Confirmation for whoever saved a task. */
export function taskSavedMessage(tr: Translator, task: Task, context: { today: string; actorId: string }): TaskMessage {
  const text =
    task.assigneeId === context.actorId
      ? tr.t('task.saved.mine', { title: truncate(task.title, 150) })
      : tr.t('task.saved.theirs', { title: truncate(task.title, 150), user: task.assigneeId });
  const heading =
    task.assigneeId === context.actorId
      ? tr.t('task.saved.mine', { title: escapeMrkdwn(truncate(task.title, 150)) })
      : tr.t('task.saved.theirs', { title: escapeMrkdwn(truncate(task.title, 150)), user: mention(task.assigneeId) });
  return {
    text,
    blocks: [
      { type: 'section', text: mrkdwn(`:white_check_mark: ${heading}`) },
      { type: 'context', elements: [mrkdwn(taskLine(tr, task, { today: context.today }))] },
    ],
  };
}
