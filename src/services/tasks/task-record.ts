import type { TaskDocument } from '../../models/task.model';
import type { Task, TaskPriority, TaskStatus } from './task.types';

/** A stored task document as the plain object services hand out. */
export function toTask(doc: TaskDocument): Task {
  return {
    id: doc._id.toString(),
    workspaceId: doc.workspaceId,
    title: doc.title,
    contactId: doc.contactId.toString(),
    contactNo: doc.contactNo,
    contactName: doc.contactName,
    opportunityId: doc.opportunityId ? doc.opportunityId.toString() : null,
    visitId: doc.visitId ? doc.visitId.toString() : null,
    assigneeId: doc.assigneeId,
    createdBy: doc.createdBy,
    dueDate: doc.dueDate,
    dueTime: doc.dueTime ?? null,
    timeZone: doc.timeZone ?? 'UTC',
    priority: (doc.priority ?? 'normal') as TaskPriority,
    status: (doc.status ?? 'open') as TaskStatus,
    doneAt: doc.doneAt ?? null,
    doneBy: doc.doneBy ?? null,
    note: doc.note ?? '',
    remindedFor: doc.remindedFor ?? null,
    version: doc.version ?? 0,
    createdAt: doc.createdAt,
  };
}
