import mongoose from 'mongoose';
import { addDays, todayIn } from '../../src/services/calendar';
import { createTask } from '../../src/services/tasks/task.service';
import type { Task, TaskInput } from '../../src/services/tasks/task.types';
import { checkMessage } from '../harness/block-kit-checker';
import type { RecordedCall } from '../harness/fake-slack-api';
import { slashCommand } from '../harness/payloads';
import type { TestApp } from './test-app';

/** The time zone the task tests' users are in. */
export const TASK_ZONE = 'Europe/Oslo';

export type TaskBlock = { type: string; text?: { text: string }; elements?: Record<string, unknown>[] };
/** A message Kontakt answered with (a command's reply, a click's). */
export interface TaskMessage {
  text: string;
  blocks: TaskBlock[];
  replace_original?: boolean;
}

/** Today in the users' time zone (YYYY-MM-DD). */
export const taskToday = (): string => todayIn(TASK_ZONE);

/** Agenda's jobs (task reminders among them). */
export const agendaJobs = () => mongoose.connection.collection('agendaJobs');

/** A task stored through the service, as the modal would store it: about `contactId`, due tomorrow by default. */
export async function seedTask(
  contactId: string,
  input: Partial<TaskInput> = {},
  actorId = 'U0001',
  workspaceId = 'T0001',
): Promise<Task> {
  const result = await createTask({
    workspaceId,
    actorId,
    input: {
      title: 'Send the offer',
      contactId,
      assigneeId: actorId,
      dueDate: addDays(taskToday(), 1),
      priority: 'normal',
      ...input,
    },
    timeZone: TASK_ZONE,
    idempotencyKey: `seed:${Math.random()}`,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.task;
}

/** `/contact <text>` by `userId` → Kontakt's reply (valid Block Kit). */
export async function commandReply(kontakt: TestApp, text: string, userId = 'U0001'): Promise<TaskMessage> {
  const key = `k${Math.random()}`;
  await kontakt.slack.command(slashCommand({ text, userId, responseUrl: kontakt.fake.responseUrl(key) }));
  const reply = (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as TaskMessage;
  expect(checkMessage(reply)).toEqual([]);
  return reply;
}

/** The DMs Kontakt posted to `userId`. */
export const dmsTo = (kontakt: TestApp, userId: string): RecordedCall[] =>
  kontakt.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === userId);
