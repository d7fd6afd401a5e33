import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * A task ("oppgave"): something a salesperson is to do about a contact by a day — send the offer, call back on
 * Tuesday. It may come from a visit's follow-up and may belong to an opportunity. The contact's name and No. are
 * kept as text, so a list of tasks reads without a join and stays readable after the contact is deleted.
 */
const taskSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    title: { type: String, required: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    contactNo: { type: String, required: true },
    contactName: { type: String, required: true },
    /** An opportunity of this workspace (checked by the opportunity service once it exists). */
    opportunityId: { type: Schema.Types.ObjectId, default: null },
    /** The visit whose follow-up this task is. */
    visitId: { type: Schema.Types.ObjectId, default: null },
    /** A Slack user: who is to do it. */
    assigneeId: { type: String, required: true },
    createdBy: { type: String, required: true },
    /** Calendar day (YYYY-MM-DD) in the assignee's time zone. */
    dueDate: { type: String, required: true },
    /** HH:MM in the assignee's time zone; none = the reminder goes at 09:00. */
    dueTime: { type: String, default: null },
    /** The assignee's time zone when the task was last dated (the reminder's clock). */
    timeZone: { type: String, default: 'UTC' },
    priority: { type: String, enum: ['high', 'normal', 'low'], default: 'normal' },
    status: { type: String, enum: ['open', 'done', 'cancelled'], default: 'open' },
    doneAt: { type: Date, default: null },
    doneBy: { type: String, default: null },
    cancelledAt: { type: Date, default: null },
    cancelledBy: { type: String, default: null },
    /** The contact deletion that cancelled it: restoring the contact within 30 days opens it again. */
    cancelledFor: { type: Schema.Types.ObjectId, default: null },
    /** Written with a change whose kept count (task_counts) is still to be moved; cleared once it is. */
    countPending: { type: Boolean, default: undefined },
    note: { type: String, default: '' },
    /** The due date a reminder DM went out for: one reminder per task and due date, whoever runs the job. */
    remindedFor: { type: String, default: null },
    /** Bumped by every change: a change made on an older copy is refused, not silently merged. */
    version: { type: Number, default: 0 },
    /** One task per submitted form (the view id) or per migrated visit follow-up; unique per workspace. */
    idempotencyKey: { type: String, required: true },
  },
  { collection: 'tasks', timestamps: true },
);
taskSchema.index({ workspaceId: 1, idempotencyKey: 1 }, { unique: true });
taskSchema.index({ workspaceId: 1, _id: 1 });
/** My tasks (Home, `/contact tasks`), overdue first; the digest's overdue per salesperson. */
taskSchema.index({ workspaceId: 1, assigneeId: 1, status: 1, dueDate: 1 });
/** The team's open or overdue tasks (`/contact tasks team`). */
taskSchema.index({ workspaceId: 1, status: 1, dueDate: 1 });
/** A contact's open tasks (the card). */
taskSchema.index({ workspaceId: 1, contactId: 1, status: 1, dueDate: 1 });
/** A deal's open tasks (the opportunity card). */
taskSchema.index({ workspaceId: 1, opportunityId: 1, status: 1, dueDate: 1 });
/** Tasks done in a week (the digest). */
taskSchema.index({ workspaceId: 1, status: 1, doneAt: 1 });
/** The tasks a contact deletion cancelled (brought back by its restore). */
taskSchema.index({ workspaceId: 1, cancelledFor: 1 });
/** Changes whose kept count was not moved (the repair job recounts). */
taskSchema.index({ workspaceId: 1, countPending: 1, updatedAt: 1 });
/** The task a visit's follow-up became. */
taskSchema.index({ workspaceId: 1, visitId: 1 });

export type TaskDocument = InferSchemaType<typeof taskSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const TaskModel = model('Task', taskSchema);
