import { ids } from '../../ids';
import type { CodeListName, SetupSection } from '../../services/setup/setup.types';
import { inheritedFieldGroups, type InheritanceSwitch } from '../contact-input';
import { StateReader } from '../view-state';

/**
 * The contract between the setup section modals (views/setup) and their parser: the limits both enforce, the
 * sections and their blocks, and how block ids are made. The views draw with these, the parser reads with them.
 */

export const setupBlocks = ids.setupField.blocks;
export type SetupBlock = keyof typeof setupBlocks;
const blocks = setupBlocks;

/** The rules of the setup forms; the views use the same numbers for min/max so Slack and the parser agree. */
export const setupLimits = {
  prefixMax: 10,
  digits: { min: 1, max: 10 },
  nextNoMax: Number.MAX_SAFE_INTEGER,
  hitPercent: { min: 1, max: 100 },
  rowLength: { min: 2, max: 10 },
  rows: { min: 1, max: 10 },
  codeMax: 10,
  descriptionMax: 50,
  entriesMax: 100,
  /** Interaction types an admin may add up to (each is a row of the list, which holds at most typeRowsShown). */
  typesMax: 90,
  typeRowsShown: 96,
  minutesMax: 1440,
  costMax: 1_000_000_000,
  /** Defaults: country/region and language codes, as on the contact. */
  defaultCodeMax: 10,
  timeZoneMax: 64,
  usersMax: 100,
  /** Delete visits older than N years: 1–50, or empty for never. */
  retentionYears: { min: 1, max: 50 },
  /** Slack's cap on one plain_text_input; longer lists continue in the next box. */
  textBoxChars: 3000,
  /** The parser reads at most this many boxes of one list (100 entries need 3–5). */
  textBoxesMax: 20,
} as const;

export const codeListSections = [
  'businessRelations',
  'industryGroups',
  'territories',
  'jobResponsibilities',
  'organizationalLevels',
] as const satisfies readonly CodeListName[];

export function isCodeListSection(section: SetupSection): section is CodeListName {
  return (codeListSections as readonly string[]).includes(section);
}

/** The six inheritance switches, in the order the domain lists them. */
export const inheritanceSwitches = Object.keys(inheritedFieldGroups) as InheritanceSwitch[];

/** The territory option meaning "no default territory" (codes are upper case, so it cannot clash with one). */
export const noTerritoryValue = 'none';

/** The value of the single box in each on/off checkbox. */
export const checkboxOn = 'on';

/** ISO weekday numbers, 1 = Monday … 7 = Sunday. */
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** Block ids of search-string row `row` (1-based). */
export function duplicateRowBlockIds(row: number): { field: string; length: string } {
  return { field: `${blocks.duplicateRowField}${row}`, length: `${blocks.duplicateRowLength}${row}` };
}

/** Block id of box `part` (1-based) of a long list: the first is the base id, the next ones `<base>_2`, `<base>_3`… */
export function textBoxBlockId(base: string, part: number): string {
  return part === 1 ? base : `${base}_${part}`;
}

/** The block ids each section's modal always shows (the parts of long lists and the rows beyond the first vary). */
export const sectionBlocks: Record<SetupSection, readonly string[]> = {
  numbering: [blocks.prefix, blocks.digits, blocks.nextNo, blocks.allowManual],
  inheritance: [blocks.inheritance],
  defaults: [blocks.country, blocks.defaultLanguage, blocks.salesperson, blocks.territory, blocks.phoneRegion],
  duplicates: [blocks.autosearch, blocks.hitPercent, duplicateRowBlockIds(1).field],
  businessRelations: [blocks.codes],
  industryGroups: [blocks.codes],
  territories: [blocks.codes],
  jobResponsibilities: [blocks.codes],
  organizationalLevels: [blocks.codes],
  interactionTypes: [blocks.interactionTypes],
  sharing: [blocks.sharingEnabled],
  imports: [blocks.importForEveryone],
  retention: [blocks.retentionYears],
  register: [blocks.registerCheck],
  roles: [blocks.admins, blocks.managers],
  digest: [blocks.digestEnabled, blocks.digestWeekday, blocks.digestTime, blocks.digestTimeZone],
  language: [blocks.language],
};

/** The first input block of each section: where an error without a block of its own is shown. */
export function firstBlockOf(section: SetupSection): string {
  return sectionBlocks[section][0] ?? blocks.codes;
}

/** A setup section's `view.state.values`: every input's action_id is `setupField.action`. */
export function setupState(values: unknown): StateReader {
  return new StateReader(values, ids.setupField.action);
}

/** Whether an on/off checkbox is ticked. */
export function isTicked(reader: StateReader, blockId: string): boolean {
  return reader.many(blockId).includes(checkboxOn);
}
