import type { CountryCode } from 'libphonenumber-js';
import type { Locale } from '../../i18n';
import type { InheritanceSwitch } from '../../schemas/contact-input';

export type DuplicateField =
  'name' | 'name2' | 'address' | 'address2' | 'postCode' | 'city' | 'phone' | 'vatRegNo' | 'email' | 'mobile';

export interface DuplicateSearchRow {
  field: DuplicateField;
  part: 'first' | 'last';
  /** 2–10 characters. */
  length: number;
}

export interface CodeListEntry {
  /** ≤ 10 characters, upper case, no spaces, unique within its list. */
  code: string;
  description: string;
}

export type CodeListName =
  'businessRelations' | 'industryGroups' | 'territories' | 'jobResponsibilities' | 'organizationalLevels';

/** An interaction template (NAV): the defaults a logged visit of this type starts from. */
export interface InteractionType {
  code: string;
  description: string;
  /** Default duration in minutes. */
  durationMin: number;
  /** Default cost. */
  cost: number;
  flow: 'inbound' | 'outbound';
  initiatedBy: 'us' | 'them';
}

/** What contacts read of a workspace's setup (NAV's Marketing Setup). */
export interface ContactSetup {
  numbering: { prefix: string; digits: number; allowManual: boolean };
  inheritance: Record<InheritanceSwitch, boolean>;
  defaults: {
    country?: string;
    language?: string;
    salespersonId?: string;
    territory?: string;
    phoneRegion: CountryCode;
  };
  duplicates: { autosearch: boolean; hitPercent: number; rows: DuplicateSearchRow[] };
  codes: Record<CodeListName, CodeListEntry[]>;
}

/** The whole setup of a workspace, as admins edit it. */
export interface WorkspaceSetup extends ContactSetup {
  /** The sections an admin has saved at least once (the day-one checklist ticks what was decided). */
  decided: SetupSection[];
  interactionTypes: InteractionType[];
  roles: { admins: string[]; managers: string[] };
  digest: {
    enabled: boolean;
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: number;
    /** `HH:MM`, 24-hour clock. */
    time: string;
    /** IANA zone; undefined until an admin sets it (then the first admin's zone is used). */
    timeZone?: string;
  };
  /** Language of Kontakt's own texts. */
  language: Locale;
  /** Whether everyone may run `/contact import` (otherwise admins only). */
  importForEveryone: boolean;
  /** Whether contact cards may be shared to channels (a compact, read-only card). */
  sharingEnabled: boolean;
  /** Visits older than this many years are deleted every night (jobs/visit-retention.job.ts); null: kept. */
  visitRetentionYears: number | null;
  /** Whether companies with an org.nr. are checked against Enhetsregisteret every week (off until an admin says). */
  registerCheck: boolean;
  /** Bumped by every save: a save made from an older version is refused. */
  version: number;
  updatedBy?: string;
  updatedAt?: Date;
}

/**
 * The parts of setup an admin edits one at a time (each in its own pushed view), in the order a new team decides
 * them: who manages, which visit types, the digest, language and defaults, sharing, then the lists. NAV's
 * numbering and the duplicate search come last, under "Advanced" (advancedSections).
 */
export const setupSections = [
  'roles',
  'interactionTypes',
  'digest',
  'language',
  'defaults',
  'sharing',
  'imports',
  'retention',
  'register',
  'inheritance',
  'businessRelations',
  'industryGroups',
  'territories',
  'jobResponsibilities',
  'organizationalLevels',
  'numbering',
  'duplicates',
] as const;
export type SetupSection = (typeof setupSections)[number];

/** The sections shown under "Advanced": most teams never change them. */
export const advancedSections: readonly SetupSection[] = ['numbering', 'duplicates'];

/** What one section's form changes, e.g. `{ numbering: {...}, nextNo: 120 }` for the number series. */
export interface SetupPatch {
  numbering?: WorkspaceSetup['numbering'];
  /** The number the next contact gets (numbering only); stored in the number series, not in setup. */
  nextNo?: number;
  inheritance?: WorkspaceSetup['inheritance'];
  defaults?: WorkspaceSetup['defaults'];
  duplicates?: WorkspaceSetup['duplicates'];
  codes?: Partial<Record<CodeListName, CodeListEntry[]>>;
  interactionTypes?: InteractionType[];
  roles?: WorkspaceSetup['roles'];
  digest?: WorkspaceSetup['digest'];
  language?: WorkspaceSetup['language'];
  importForEveryone?: boolean;
  sharingEnabled?: boolean;
  visitRetentionYears?: number | null;
  registerCheck?: boolean;
}

export interface SetupAuditEntry {
  userId: string;
  at: Date;
  section: SetupSection;
  changes: { field: string; from: string; to: string }[];
}
