import type { VisitDocument } from '../../models/visit.model';
import { slackPermalinkOrNothing } from '../../schemas/slack-permalink';
import type { Evaluation, Visit } from './visit.types';

export function toVisit(doc: VisitDocument): Visit {
  return {
    id: doc._id.toString(),
    workspaceId: doc.workspaceId,
    contactId: doc.contactId ? doc.contactId.toString() : null,
    contactNo: doc.contactNo,
    contactName: doc.contactName,
    companyId: doc.companyId ? doc.companyId.toString() : null,
    companyName: doc.companyName ?? undefined,
    salespersonId: doc.salespersonId,
    typeCode: doc.typeCode,
    typeDescription: doc.typeDescription,
    date: doc.date,
    description: doc.description ?? '',
    evaluation: (doc.evaluation ?? 'neutral') as Evaluation,
    attemptFailed: Boolean(doc.attemptFailed),
    durationMin: doc.durationMin ?? 0,
    cost: doc.cost ?? 0,
    followUpDate: doc.followUpDate ?? undefined,
    ...(doc.followUpDoneAt ? { followUpDoneAt: doc.followUpDoneAt } : {}),
    source: {
      channelId: doc.source?.channelId ?? undefined,
      messageTs: doc.source?.messageTs ?? undefined,
      // Rows stored before permalinks were checked on write may hold any text: it is not handed out.
      permalink: slackPermalinkOrNothing(doc.source?.permalink),
    },
    status: doc.status === 'cancelled' ? 'cancelled' : 'logged',
    cancelledBy: doc.cancelledBy ?? undefined,
    createdAt: doc.createdAt,
  };
}
