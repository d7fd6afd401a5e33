import { Schema, model } from 'mongoose';

/**
 * Kept counts of one salesperson's open tasks, by due date: `/contact tasks team` reads one small document per
 * salesperson instead of counting every open task of the team. `due` maps a due date (YYYY-MM-DD) to how many open
 * tasks are due that day; `open` is their sum. Every task write that opens, closes, re-dates or re-assigns a task
 * moves one unit (see services/tasks/task-counts.ts); a write that stopped between the task and its count leaves the
 * task marked `countPending`, and the repair job recounts the workspace.
 */
const taskCountSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    assigneeId: { type: String, required: true },
    open: { type: Number, default: 0 },
    due: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'task_counts', minimize: false },
);
taskCountSchema.index({ workspaceId: 1, assigneeId: 1 }, { unique: true });

export const TaskCountModel = model('TaskCount', taskCountSchema);
