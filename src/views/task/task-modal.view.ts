import type { InputBlock, InputBlockElement, ModalView, PlainTextOption } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { isIsoDate } from '../../services/calendar';
import { NOTE_MAX, TITLE_MAX } from '../../services/tasks/task.service';
import { taskPriorities, type Task, type TaskPriority } from '../../services/tasks/task.types';
import { charLength, escapeMrkdwn, mrkdwn, plain, SLACK, truncate } from '../contact/text';
import { priorityOptionText } from './task-format';

const f = ids.task.fields;

export interface TaskModalArgs {
  /** The actor: the assignee unless they pick someone else. */
  userId: string;
  /** YYYY-MM-DD in the actor's time zone: the due date starts there. */
  today: string;
  contactOption?: { id: string; label: string };
  /** The title to start from (`/contact task <text>`). */
  title?: string;
  /** Edit: the task whose values the modal starts from (its contact is `contactOption`). */
  task?: Task;
  privateMetadata: string;
}

function input(
  blockId: string,
  element: InputBlockElement,
  label: string,
  options: { hint?: string; optional?: boolean } = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 200),
    ...(options.hint ? { hint: plain(options.hint, 500) } : {}),
    optional: options.optional === true,
    element,
  };
}

function priorityOption(tr: Translator, priority: TaskPriority): PlainTextOption {
  return {
    text: plain(priorityOptionText(tr, priority), SLACK.optionText),
    value: priority,
  };
}

/**
 * The new-task modal: contact, title, due date and time, assignee (me by default), priority, note. With `task`, the
 * same fields filled in from it, to edit it.
 */
export function taskModal(tr: Translator, args: TaskModalArgs): ModalView {
  const t = tr.t;
  const task = args.task;
  const title = task?.title ?? args.title;
  const dueDate = task?.dueDate ?? args.today;
  const contact =
    args.contactOption && args.contactOption.id !== '' && charLength(args.contactOption.id) <= SLACK.optionValue
      ? { text: plain(args.contactOption.label, SLACK.optionText), value: args.contactOption.id }
      : undefined;
  return {
    type: 'modal',
    callback_id: task ? ids.task.views.edit : ids.task.views.modal,
    title: plain(t(task ? 'task.modal.editTitle' : 'task.modal.title'), SLACK.modalTitle),
    submit: plain(t(task ? 'task.modal.save' : 'task.modal.submit'), SLACK.modalTitle),
    close: plain(t('task.modal.cancel'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks: [
      input(
        f.contact,
        {
          type: 'external_select',
          action_id: ids.actions.contactPicker,
          min_query_length: 1,
          placeholder: plain(t('task.modal.contactPlaceholder'), SLACK.placeholder),
          ...(contact ? { initial_option: contact } : {}),
        },
        t('task.field.contact'),
      ),
      input(
        f.title,
        {
          type: 'plain_text_input',
          action_id: f.title,
          max_length: TITLE_MAX,
          ...(title ? { initial_value: [...title].slice(0, TITLE_MAX).join('') } : {}),
          placeholder: plain(t('task.modal.titlePlaceholder'), SLACK.placeholder),
        },
        t('task.field.title'),
      ),
      input(
        f.dueDate,
        { type: 'datepicker', action_id: f.dueDate, ...(isIsoDate(dueDate) ? { initial_date: dueDate } : {}) },
        t('task.field.dueDate'),
      ),
      input(
        f.dueTime,
        { type: 'timepicker', action_id: f.dueTime, ...(task?.dueTime ? { initial_time: task.dueTime } : {}) },
        t('task.field.dueTime'),
        {
          hint: t('task.modal.dueTimeHint'),
          optional: true,
        },
      ),
      input(
        f.assignee,
        { type: 'users_select', action_id: f.assignee, initial_user: task?.assigneeId ?? args.userId },
        t('task.field.assignee'),
        {
          hint: t('task.modal.assigneeHint'),
        },
      ),
      input(
        f.priority,
        {
          type: 'static_select',
          action_id: f.priority,
          options: taskPriorities.map((priority) => priorityOption(tr, priority)),
          initial_option: priorityOption(tr, task?.priority ?? 'normal'),
        },
        t('task.field.priority'),
      ),
      input(
        f.note,
        {
          type: 'plain_text_input',
          action_id: f.note,
          multiline: true,
          max_length: NOTE_MAX,
          ...(task?.note ? { initial_value: [...task.note].slice(0, NOTE_MAX).join('') } : {}),
        },
        t('task.field.note'),
        { optional: true },
      ),
    ],
  };
}

/** "Snooze until": a date, pushed over nothing (opened from Home, a DM or a list). */
export function snoozeModal(
  tr: Translator,
  args: { title: string; initialDate: string; privateMetadata: string },
): ModalView {
  const t = tr.t;
  return {
    type: 'modal',
    callback_id: ids.task.views.snooze,
    title: plain(t('task.snoozeModal.title'), SLACK.modalTitle),
    submit: plain(t('task.snoozeModal.submit'), SLACK.modalTitle),
    close: plain(t('task.modal.cancel'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks: [
      { type: 'section', text: mrkdwn(`*${escapeMrkdwn(truncate(args.title, 150)).replace(/\*/g, '∗')}*`) },
      input(
        f.snoozeDate,
        {
          type: 'datepicker',
          action_id: f.snoozeDate,
          ...(isIsoDate(args.initialDate) ? { initial_date: args.initialDate } : {}),
        },
        t('task.snoozeModal.date'),
      ),
    ],
  };
}

/** "Cancel this task?": the task, and that it stays in the history but is neither listed nor reminded. */
export function cancelTaskModal(tr: Translator, args: { task: Task; privateMetadata: string }): ModalView {
  const t = tr.t;
  return {
    type: 'modal',
    callback_id: ids.task.views.cancel,
    title: plain(t('task.cancelModal.title'), SLACK.modalTitle),
    submit: plain(t('task.cancelModal.submit'), SLACK.modalTitle),
    close: plain(t('task.cancelModal.keep'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks: [
      {
        type: 'section',
        text: mrkdwn(
          `*${escapeMrkdwn(truncate(args.task.title, 150)).replace(/\*/g, '∗')}*\n${escapeMrkdwn(truncate(args.task.contactName, 80))} (${escapeMrkdwn(truncate(args.task.contactNo, 30))})`,
        ),
      },
      { type: 'context', elements: [mrkdwn(t('task.cancelModal.body'))] },
    ],
  };
}

/**
 * What a Cancel task confirmation answers when it could not cancel (done, cancelled, changed or gone meanwhile): one
 * of the service's refusal sentences (mrkdwn with mentions, as the same sentence reads in a message).
 */
export function taskNoticeModal(tr: Translator, text: string): ModalView {
  return {
    type: 'modal',
    title: plain(tr.t('task.cancelModal.title'), SLACK.modalTitle),
    close: plain(tr.t('card.modal.close'), SLACK.modalTitle),
    blocks: [{ type: 'section', text: mrkdwn(text) }],
  };
}
