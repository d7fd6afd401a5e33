export const taskPriorities = ['high', 'normal', 'low'] as const;
export type TaskPriority = (typeof taskPriorities)[number];
export type TaskStatus = 'open' | 'done' | 'cancelled';

/** A task as the task modal (or a visit's follow-up) collects it; validated by src/schemas/task-modal.ts. */
export interface TaskInput {
  title: string;
  contactId: string;
  assigneeId: string;
  /** YYYY-MM-DD in the assignee's time zone. */
  dueDate: string;
  /** HH:MM; none = reminded at 09:00. */
  dueTime?: string;
  priority: TaskPriority;
  note?: string;
  /** The opportunity it belongs to (an id; checked against the workspace). */
  opportunityId?: string;
  /** The visit whose follow-up it is. */
  visitId?: string;
}

/** A stored task as services hand it out. */
export interface Task {
  id: string;
  workspaceId: string;
  title: string;
  contactId: string;
  contactNo: string;
  contactName: string;
  opportunityId: string | null;
  visitId: string | null;
  assigneeId: string;
  createdBy: string;
  dueDate: string;
  dueTime: string | null;
  timeZone: string;
  priority: TaskPriority;
  status: TaskStatus;
  doneAt: Date | null;
  doneBy: string | null;
  note: string;
  remindedFor: string | null;
  version: number;
  createdAt: Date;
}

export type TaskErrors = Partial<Record<keyof TaskInput | 'form', string>>;

/** Why a change to a task was refused: each has its own sentence. */
export type TaskRefusal = 'gone' | 'alreadyDone' | 'cancelled' | 'notAllowed' | 'changed';
