import type { ProbabilityCalculation } from './probability';

export interface SalesStage {
  no: number;
  description: string;
  /** How far a deal at this stage has come (0–100). */
  completedPct: number;
  /** The stage's chances of success % (0–100): a deal's chances default to it. */
  chancesPct: number;
  /** A move past this stage may leave it out. */
  allowSkip: boolean;
}

export interface SalesCycle {
  code: string;
  description: string;
  calculation: ProbabilityCalculation;
  /** In order of no. */
  stages: SalesStage[];
}

export interface CloseCode {
  code: string;
  description: string;
}

export interface OpportunitySetup {
  numbering: { prefix: string; digits: number };
  cycles: SalesCycle[];
  closeCodes: { won: CloseCode[]; lost: CloseCode[] };
  defaultCycle: string;
  currency: string;
  news: { channelId?: string; won: boolean; created: boolean; lost: boolean; movedFrom?: number };
  version: number;
}

export const opportunityStatuses = ['not_started', 'in_progress', 'won', 'lost'] as const;
export type OpportunityStatus = (typeof opportunityStatuses)[number];
export const priorities = ['low', 'normal', 'high'] as const;
export type Priority = (typeof priorities)[number];
/** `recalculated`: a sales cycle change gave the deal a new probability at the same stage. */
export type EntryAction = 'created' | 'stage' | 'update' | 'won' | 'lost' | 'reopened' | 'recalculated';

export interface OpportunityEntry {
  at: Date;
  by: string;
  action: EntryAction;
  fromStage: number | null;
  toStage: number | null;
  estimatedValue: number;
  chancesPct: number;
  probabilityPct: number;
  calculatedValue: number;
  fields?: string[];
  closeCode?: string;
  actualValue?: number;
}

export interface Opportunity {
  id: string;
  workspaceId: string;
  no: string;
  description: string;
  contactId: string;
  contactNo: string;
  contactName: string;
  companyId: string | null;
  companyName?: string;
  salespersonId: string;
  cycleCode: string;
  stageNo: number | null;
  status: OpportunityStatus;
  estimatedValue: number;
  currency: string;
  chancesPct: number;
  probabilityPct: number;
  calculatedValue: number;
  closingDate: string | null;
  priority: Priority;
  closeCode?: string;
  actualValue?: number;
  closedDate: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** Newest first; the card asks for the last few only. */
  entries: OpportunityEntry[];
  /** How many entries it has in all. */
  entryCount: number;
}

/** The short form lists use (contact card, log-visit select, delete refusal, Home). */
export type OpportunitySummary = Pick<
  Opportunity,
  | 'id'
  | 'no'
  | 'description'
  | 'contactName'
  | 'salespersonId'
  | 'stageNo'
  | 'status'
  | 'estimatedValue'
  | 'calculatedValue'
  | 'currency'
  | 'closingDate'
  | 'cycleCode'
>;

export const isOpen = (status: OpportunityStatus): boolean => status === 'not_started' || status === 'in_progress';
