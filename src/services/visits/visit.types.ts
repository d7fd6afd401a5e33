export const evaluations = ['very_positive', 'positive', 'neutral', 'negative', 'very_negative'] as const;
export type Evaluation = (typeof evaluations)[number];

/** A visit as the log-visit modal collects it (validated by src/schemas/visit-modal.ts). */
export interface VisitInput {
  contactId: string;
  typeCode: string;
  /** YYYY-MM-DD. */
  date: string;
  description: string;
  evaluation: Evaluation;
  /** Unticked "successful" = NAV's "attempt failed". */
  successful: boolean;
  /** Empty = the interaction type's default. */
  durationMin?: number;
  cost?: number;
  /** YYYY-MM-DD; a reminder DM goes to the salesperson that day. */
  followUpDate?: string;
}

/** Where a visit was logged from: a Slack message (channel, ts, link) or nowhere in particular. */
export interface VisitSource {
  channelId?: string;
  messageTs?: string;
  permalink?: string;
}

/** A stored visit as services hand it out. */
export interface Visit {
  id: string;
  workspaceId: string;
  contactId: string | null;
  contactNo: string;
  contactName: string;
  companyId: string | null;
  companyName?: string;
  salespersonId: string;
  typeCode: string;
  typeDescription: string;
  date: string;
  description: string;
  evaluation: Evaluation;
  attemptFailed: boolean;
  durationMin: number;
  cost: number;
  followUpDate?: string;
  /** When the follow-up was marked done (Done on the reminder). */
  followUpDoneAt?: Date;
  source: VisitSource;
  status: 'logged' | 'cancelled';
  cancelledBy?: string;
  createdAt: Date;
}

/** Counts for a set of visits (cancelled ones excluded). */
export interface VisitTotals {
  visits: number;
  failedAttempts: number;
  byType: { code: string; description: string; count: number }[];
  /** `failedAttempts` of each salesperson is counted too (missing in totals built before it was). */
  bySalesperson: { userId: string; count: number; failedAttempts?: number }[];
  byEvaluation: Record<Evaluation, number>;
}

export type { DateRange } from '../calendar';
