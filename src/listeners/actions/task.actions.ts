import { encodeMetadata } from '../../schemas/view-metadata';
import { snoozeValue, taskMenuValue } from '../../schemas/task-values';
import { addDays, todayIn } from '../../services/calendar';
import { getContact } from '../../services/contacts/contact.service';
import { getOpportunity } from '../../services/opportunities/opportunity.service';
import { getUserProfile } from '../../services/people/user-directory';
import { snoozedDate } from '../../services/tasks/task-dates';
import { completeTask, getTask, mayChangeTask, redateTask, type TaskChange } from '../../services/tasks/task.service';
import type { Task } from '../../services/tasks/task.types';
import { taskHandledMessage } from '../../views/task/task-messages';
import { cancelTaskModal, snoozeModal } from '../../views/task/task-modal.view';
import {
  guarded,
  kontaktOf,
  openOrPush,
  tell,
  trOf,
  workspaceIdOf,
  type ButtonArgs,
  type OverflowArgs,
  type SelectArgs,
} from '../frame';
import { cardHandleOf, contactCardView } from '../shared/contact-card';
import { refreshHomes } from '../shared/home';
import { buildTaskModal, refusalText, scheduleReminder, taskActor } from '../shared/tasks';

type TaskClick = ButtonArgs | SelectArgs | OverflowArgs;

/** The DM (a reminder or an assignment) a click came from: replaced in place once handled. Lists stay as they are. */
function fromDirectMessage(args: TaskClick): string | undefined {
  const body = args.body as { container?: { type?: string; channel_id?: string }; response_url?: string };
  const inDm = body.container?.type === 'message' && (body.container.channel_id ?? '').startsWith('D');
  return inDm && typeof body.response_url === 'string' ? body.response_url : undefined;
}

/** What a handled click answers: the DM replaced, else a short ephemeral line (lists) — Home redraws itself. */
async function answer(args: TaskClick, task: Task, outcome: { done: true } | { snoozedTo: string }): Promise<void> {
  const tr = trOf(args);
  const message = taskHandledMessage(tr, task, outcome);
  if (fromDirectMessage(args)) {
    await args.respond({ replace_original: true, ...message } as Parameters<ButtonArgs['respond']>[0]);
    return;
  }
  const body = args.body as { view?: { type?: string } };
  if (body.view?.type === 'home') return;
  await tell(args, message.text);
}

async function afterChange(args: TaskClick, change: TaskChange, outcome: { done: true } | { snoozedTo: string }) {
  if (change.status === 'refused') return tell(args, refusalText(trOf(args), change));
  const { scheduler } = kontaktOf(args.context);
  await scheduleReminder(scheduler, change.task);
  refreshHomes(args, [change.task.assigneeId, args.body.user.id]);
  await answer(args, change.task, outcome);
}

/** Done: the task is closed (once: a second Done, or Done on a task deleted meanwhile, is told what happened). */
export const taskDone = (args: ButtonArgs) =>
  guarded(args, 'Marking a task done', async () => {
    const workspaceId = workspaceIdOf(args);
    const change = await completeTask(
      workspaceId,
      args.action.value,
      taskActor(args.client, workspaceId, args.body.user.id),
    );
    await afterChange(args, change, { done: true });
  });

/** Snooze: tomorrow or next Monday at once (in the clicker's calendar); "Pick a date" opens the date modal. */
export const taskSnooze = (args: SelectArgs) =>
  guarded(args, 'Snoozing a task', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const userId = args.body.user.id;
    const picked = snoozeValue.decode(args.action.selected_option?.value);
    if (!picked) return tell(args, tr.t('task.refused.gone'));
    const profile = await getUserProfile(args.client, workspaceId, userId);
    const today = todayIn(profile.tz);
    if (picked.choice === 'pick') {
      const task = await getTask(workspaceId, picked.taskId);
      if (!task) return tell(args, tr.t('task.refused.gone'));
      const view = snoozeModal(tr, {
        title: task.title,
        initialDate: addDays(today, 1),
        privateMetadata: encodeMetadata({ taskId: task.id, responseUrl: fromDirectMessage(args) }),
      });
      await args.client.views.open({ trigger_id: args.body.trigger_id, view });
      return;
    }
    const date = snoozedDate(picked.choice, today);
    const change = await redateTask(workspaceId, picked.taskId, taskActor(args.client, workspaceId, userId), date);
    await afterChange(args, change, { snoozedTo: date });
  });

/** The card's "Add task": the task modal with the card's contact picked; once saved, the card is redrawn. */
export const addTaskForContact = (args: ButtonArgs) =>
  guarded(args, 'Opening the task modal', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const contact = await getContact(workspaceId, args.action.value);
    if (!contact) return tell(args, tr.t('contact.error.gone'));
    if (contact.privacyBlocked) return tell(args, tr.t('task.error.privacyBlocked', { name: contact.name }));
    const view = await buildTaskModal(args.client, {
      workspaceId,
      userId: args.body.user.id,
      tr,
      contact,
      metadata: { card: cardHandleOf(args.body, contact.id) },
    });
    await openOrPush(args, view);
  });

/**
 * A task row's ⋯ menu: Open contact (the card in a modal), Edit (the task modal, filled in) and Cancel task (asks
 * first). The task id is re-read in the clicker's workspace; Edit and Cancel only for who may change the task.
 */
export const taskMenu = (args: OverflowArgs) =>
  guarded(args, 'A task menu entry', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const userId = args.body.user.id;
    const entry = taskMenuValue.decode(args.action.selected_option?.value);
    if (!entry) return tell(args, tr.t('task.refused.gone'));
    if (entry.verb === 'open') {
      const view = await contactCardView(args.client, workspaceId, userId, entry.id, tr, {
        register: kontaktOf(args.context).register,
      });
      if (!view) return tell(args, tr.t('contact.error.gone'));
      return openOrPush(args, view);
    }
    const task = await getTask(workspaceId, entry.id);
    if (!task) return tell(args, tr.t('task.refused.gone'));
    if (!(await mayChangeTask(task, taskActor(args.client, workspaceId, userId))))
      return tell(args, refusalText(tr, { status: 'refused', why: 'notAllowed', task }));
    if (task.status === 'done') return tell(args, refusalText(tr, { status: 'refused', why: 'alreadyDone', task }));
    if (task.status === 'cancelled') return tell(args, refusalText(tr, { status: 'refused', why: 'cancelled', task }));
    const metadata = { taskId: task.id, version: task.version, responseUrl: fromDirectMessage(args) };
    if (entry.verb === 'edit') {
      const contact = await getContact(workspaceId, task.contactId);
      const view = await buildTaskModal(args.client, {
        workspaceId,
        userId,
        tr,
        contact: contact ?? undefined,
        task,
        editMetadata: metadata,
      });
      return openOrPush(args, view);
    }
    await openOrPush(args, cancelTaskModal(tr, { task, privateMetadata: encodeMetadata(metadata) }));
  });

/** The opportunity card's "Add task": the task modal for the deal's contact; the task belongs to the deal. */
export const addTaskForOpportunity = (args: ButtonArgs) =>
  guarded(args, 'Opening the task modal', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const opportunity = await getOpportunity(workspaceId, args.action.value);
    if (!opportunity) return tell(args, tr.t('task.error.opportunityGone'));
    const contact = await getContact(workspaceId, opportunity.contactId);
    if (!contact) return tell(args, tr.t('contact.error.gone'));
    if (contact.privacyBlocked) return tell(args, tr.t('task.error.privacyBlocked', { name: contact.name }));
    const view = await buildTaskModal(args.client, {
      workspaceId,
      userId: args.body.user.id,
      tr,
      contact,
      metadata: { opportunityId: opportunity.id },
    });
    await openOrPush(args, view);
  });
