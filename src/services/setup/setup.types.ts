import type { CountryCode } from 'libphonenumber-js';
import type { InheritanceSwitch } from '../../schemas/contact-input';

export type DuplicateField = 'name' | 'name2' | 'address' | 'address2' | 'postCode' | 'city' | 'phone' | 'vatRegNo' | 'email' | 'mobile';

export interface DuplicateSearchRow {
  field: DuplicateField;
  part: 'first' | 'last';
  /** 2–10 characters. */
  length: number;
}

export interface CodeListEntry {
  code: string;
  description: string;
}

/** What contacts read of a workspace's setup (NAV's Marketing Setup). */
export interface ContactSetup {
  numbering: { prefix: string; digits: number; allowManual: boolean };
  inheritance: Record<InheritanceSwitch, boolean>;
  defaults: { country?: string; language?: string; salespersonId?: string; territory?: string; phoneRegion: CountryCode };
  duplicates: { autosearch: boolean; hitPercent: number; rows: DuplicateSearchRow[] };
  codes: {
    businessRelations: CodeListEntry[];
    industryGroups: CodeListEntry[];
    territories: CodeListEntry[];
    jobResponsibilities: CodeListEntry[];
    organizationalLevels: CodeListEntry[];
  };
}
