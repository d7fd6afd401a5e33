import { parseTasksQuery } from '../../schemas/tasks-query';
import { todayIn } from '../../services/calendar';
import { findContactsNamedBy } from '../../services/contacts/contact-mention.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import { listOpenTasks, oldestOverdueTasks, openTasksByAssignee } from '../../services/tasks/task.service';
import { foldForCompare } from '../../views/task/task-format';
import { LIST_WITH_BUTTONS, taskListMessage, teamTasksMessage } from '../../views/task/task-list.message';
import { guarded, trOf, workspaceIdOf } from '../frame';
import { buildTaskModal } from '../shared/tasks';
import { reply, type Subcommand } from './subcommands';

/**
 * `/contact task <text>`: the new-task modal, the contact picked when the text names one clearly; the text is the
 * title unless it is only the contact's name or No.
 */
export const taskSubcommand: Subcommand = {
  name: 'task',
  aliases: ['oppgave', 'todo'],
  usage: 'help.usage.task',
  description: 'help.sub.task',
  run: (args, parsed) =>
    guarded(args, 'Opening the task modal', async () => {
      const workspaceId = workspaceIdOf(args);
      const userId = args.command.user_id;
      const found = parsed.rest ? await findContactsNamedBy(workspaceId, userId, parsed.rest) : { candidates: [] };
      const picked = found.picked;
      const onlyTheContact =
        picked !== undefined &&
        [picked.name, picked.no].some((name) => foldForCompare(name) === foldForCompare(parsed.rest));
      const view = await buildTaskModal(args.client, {
        workspaceId,
        userId,
        tr: trOf(args),
        contact: picked,
        title: parsed.rest && !onlyTheContact ? parsed.rest : undefined,
      });
      await args.client.views.open({ trigger_id: args.command.trigger_id, view });
    }),
};

/** `/contact tasks [@user|team] [overdue]`: my open tasks; someone else's or the team's for managers and admins. */
export const tasksSubcommand: Subcommand = {
  name: 'tasks',
  aliases: ['oppgaver', 'todos'],
  usage: 'help.usage.tasks',
  description: 'help.sub.tasks',
  run: (args, parsed) =>
    guarded(args, 'Listing tasks', async () => {
      const tr = trOf(args);
      const workspaceId = workspaceIdOf(args);
      const userId = args.command.user_id;
      const query = parseTasksQuery(parsed.rest, tr);
      if (!query.ok) return reply(args, { text: query.error });
      const profile = await getUserProfile(args.client, workspaceId, userId);
      const today = todayIn(profile.tz);
      const who = query.who.kind === 'user' && query.who.userId === userId ? { kind: 'me' as const } : query.who;
      if (who.kind !== 'me' && !(await rolesOf(args.client, workspaceId, userId)).isManager)
        return reply(args, { text: tr.t('tasks.refused') });
      const overdueBefore = query.overdue ? today : undefined;
      if (who.kind === 'team') {
        // The figures come from the kept counts (one document per salesperson), the oldest overdue from the index.
        const [counts, oldest] = await Promise.all([
          openTasksByAssignee(workspaceId, today),
          oldestOverdueTasks(workspaceId, today, 25),
        ]);
        const overdue = { tasks: oldest, total: counts.reduce((sum, row) => sum + row.overdue, 0) };
        return reply(args, teamTasksMessage(tr, { counts, overdue, today, onlyOverdue: query.overdue }));
      }
      const assigneeId = who.kind === 'user' ? who.userId : userId;
      const list = await listOpenTasks(workspaceId, { assigneeId, overdueBefore }, LIST_WITH_BUTTONS);
      await reply(
        args,
        taskListMessage(tr, {
          userId: who.kind === 'user' ? who.userId : undefined,
          overdue: query.overdue,
          tasks: list.tasks,
          total: list.total,
          today,
        }),
      );
    }),
};
