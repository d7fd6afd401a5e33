import { FormErrors, toBlockErrors, type BlockErrors } from './block-errors';
import { StateReader } from './view-state';
import { translator, type Translator } from '../i18n';
import { ids } from '../ids';
import { isIsoDate } from '../services/calendar';
import { dueDateProblem, earliestDueDate, latestDueDate } from '../services/tasks/task-dates';
import { NOTE_MAX, TITLE_MAX } from '../services/tasks/task.service';
import { taskPriorities, type TaskErrors, type TaskInput, type TaskPriority } from '../services/tasks/task.types';

const f = ids.task.fields;

/** The block of each TaskInput field the modal shows. */
export const taskBlocks = {
  contactId: f.contact,
  title: f.title,
  dueDate: f.dueDate,
  dueTime: f.dueTime,
  assigneeId: f.assignee,
  priority: f.priority,
  note: f.note,
} as const;
type TaskField = keyof typeof taskBlocks;

const actionIdOf = (blockId: string): string => (blockId === f.contact ? ids.actions.contactPicker : blockId);
const blockOf = (field: string): string | undefined =>
  Object.hasOwn(taskBlocks, field) ? taskBlocks[field as TaskField] : undefined;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A due date's problem as a sentence (shared with the log-visit modal's follow-up task and the snooze modal). */
export function dueDateError(tr: Translator, dueDate: string | undefined, today: string): string | undefined {
  if (dueDate === undefined) return tr.t('task.error.dueRequired');
  if (!isIsoDate(dueDate)) return tr.t('task.error.dueInvalid');
  const problem = dueDateProblem(dueDate, today);
  if (problem === 'tooEarly') return tr.t('task.error.dueTooEarly', { earliest: tr.date(earliestDueDate(today)) });
  if (problem === 'tooLate') return tr.t('task.error.dueTooLate', { latest: tr.date(latestDueDate(today)) });
  return undefined;
}

export type TaskModalResult = { ok: true; input: TaskInput } | { ok: false; errors: BlockErrors };

/**
 * Reads the task modal's state into a TaskInput, or every problem keyed by block id (one round). `today` is the
 * actor's today. Whether the assignee may be given a task, and whether the contact is live, are for the submit
 * handler and the service; their errors land on the same blocks through taskErrorsToBlockErrors.
 */
export function parseTaskModal(
  values: unknown,
  context: {
    today: string;
    tr?: Translator;
    /** Edit: the task's due date as it is, accepted even when it is now further back than a new one may be. */
    keepDueDate?: string;
  },
): TaskModalResult {
  const tr = context.tr ?? translator('en');
  const reader = new StateReader(values, actionIdOf);
  const read = (field: TaskField): string | undefined => {
    const value = reader.single(taskBlocks[field]);
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const errors = new FormErrors();
  const contactId = read('contactId');
  if (contactId === undefined || contactId.length > 100) errors.add('contactId', tr.t('task.error.contactRequired'));
  const title = read('title');
  if (title === undefined) errors.add('title', tr.t('task.error.titleRequired'));
  else if ([...title].length > TITLE_MAX) errors.add('title', tr.t('task.error.titleTooLong', { max: TITLE_MAX }));
  const dueDate = read('dueDate');
  const dueProblem =
    dueDate !== undefined && dueDate === context.keepDueDate ? undefined : dueDateError(tr, dueDate, context.today);
  if (dueProblem) errors.add('dueDate', dueProblem);
  const dueTime = read('dueTime');
  if (dueTime !== undefined && !TIME.test(dueTime)) errors.add('dueTime', tr.t('task.error.timeInvalid'));
  const assigneeId = read('assigneeId');
  if (assigneeId === undefined) errors.add('assigneeId', tr.t('task.error.assigneeRequired'));
  const rawPriority = read('priority');
  const priority = taskPriorities.find((value) => value === rawPriority);
  if (rawPriority !== undefined && priority === undefined) errors.add('priority', tr.t('task.error.priority'));
  const note = read('note') ?? '';
  if ([...note].length > NOTE_MAX) errors.add('note', tr.t('task.error.noteTooLong', { max: NOTE_MAX }));
  if (errors.any || !contactId || !title || !dueDate || !assigneeId)
    return { ok: false, errors: errors.toBlockErrors(blockOf, f.contact) };
  return {
    ok: true,
    input: {
      contactId,
      title,
      dueDate,
      ...(dueTime ? { dueTime } : {}),
      assigneeId,
      priority: priority ?? ('normal' satisfies TaskPriority),
      ...(note ? { note } : {}),
    },
  };
}

/** Errors by TaskInput field (the service's, the assignee check's) → the modal's blocks; the rest on the contact. */
export function taskErrorsToBlockErrors(errors: TaskErrors): BlockErrors {
  return toBlockErrors(errors, blockOf, f.contact);
}

/** The log-visit modal's follow-up task: its title and assignee (its due date is the visit's follow-up date). */
export function readFollowUpTask(values: unknown): { title?: string; assigneeId?: string } {
  const reader = new StateReader(values, (blockId) => blockId);
  const title = reader.single(f.followUpTitle)?.trim();
  const assigneeId = reader.single(f.followUpAssignee)?.trim();
  return { ...(title ? { title: title.slice(0, TITLE_MAX) } : {}), ...(assigneeId ? { assigneeId } : {}) };
}

/** The snooze modal's date. */
export function readSnoozeDate(values: unknown): string | undefined {
  const value = new StateReader(values, f.snoozeDate).single(f.snoozeDate)?.trim();
  return value ? value : undefined;
}
