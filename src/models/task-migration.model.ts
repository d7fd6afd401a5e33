import { Schema, model } from 'mongoose';

/** A one-off data migration finished for a workspace (so the next start does not walk its data again). */
const taskMigrationSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    name: { type: String, required: true },
    doneAt: { type: Date, required: true },
    /** How many documents it wrote. */
    count: { type: Number, default: 0 },
  },
  { collection: 'task_migrations' },
);
taskMigrationSchema.index({ workspaceId: 1, name: 1 }, { unique: true });

export const TaskMigrationModel = model('TaskMigration', taskMigrationSchema);
