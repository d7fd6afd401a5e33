import { getCountries, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { elementState, optionValues, recordSchema, type ElementState } from './view-state';
import { t } from '../i18n';
import { ids } from '../ids';
import type {
  CodeListEntry,
  CodeListName,
  DuplicateField,
  DuplicateSearchRow,
  InteractionType,
  SetupPatch,
  SetupSection,
  WorkspaceSetup,
} from '../services/setup/setup.types';
import { inheritedFieldGroups, type InheritanceSwitch } from './contact-input';

const blocks = ids.setupField.blocks;
type SetupBlock = keyof typeof blocks;

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
  minutesMax: 1440,
  costMax: 1_000_000_000,
  /** Defaults: country/region and language codes, as on the contact. */
  defaultCodeMax: 10,
  timeZoneMax: 64,
  usersMax: 100,
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

export const duplicateFields = [
  'name',
  'name2',
  'address',
  'address2',
  'postCode',
  'city',
  'phone',
  'vatRegNo',
  'email',
  'mobile',
] as const satisfies readonly DuplicateField[];
export const duplicateParts = ['first', 'last'] as const;

/** The select value of a search-string row's field and part, e.g. `name:first`. */
export function duplicateRowValue(row: Pick<DuplicateSearchRow, 'field' | 'part'>): string {
  return `${row.field}:${row.part}`;
}

/** Block ids of search-string row `row` (1-based). */
export function duplicateRowBlockIds(row: number): { field: string; length: string } {
  return { field: `${blocks.duplicateRowField}${row}`, length: `${blocks.duplicateRowLength}${row}` };
}

/** Block id of box `part` (1-based) of a long list: the first is the base id, the next ones `<base>_2`, `<base>_3`… */
export function textBoxBlockId(base: string, part: number): string {
  return part === 1 ? base : `${base}_${part}`;
}

/** The territory option meaning "no default territory" (codes are upper case, so it cannot clash with one). */
export const noTerritoryValue = 'none';

/** The value of the single box in each on/off checkbox. */
export const checkboxOn = 'on';

/** ISO weekday numbers, 1 = Monday … 7 = Sunday. */
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** The first input block of each section: where an error without a block of its own is shown. */
export function firstBlockOf(section: SetupSection): string {
  switch (section) {
    case 'numbering':
      return blocks.prefix;
    case 'inheritance':
      return blocks.inheritance;
    case 'defaults':
      return blocks.country;
    case 'duplicates':
      return blocks.autosearch;
    case 'interactionTypes':
      return blocks.interactionTypes;
    case 'roles':
      return blocks.admins;
    case 'digest':
      return blocks.digestEnabled;
    case 'language':
      return blocks.language;
    default:
      return blocks.codes;
  }
}

// ---- the text formats of the code lists and interaction types ------------------------------------------

/** `MANU Manufacturing`; a description holding `|` is written `CODE | description` so it reads back the same. */
export function formatCodeLine(entry: CodeListEntry): string {
  const description = oneLine(entry.description);
  if (description === '') return entry.code;
  return description.includes('|') ? `${entry.code} | ${description}` : `${entry.code} ${description}`;
}

/** `VISIT | Visit | 60 | 0 | outbound | us` */
export function formatInteractionLine(type: InteractionType): string {
  return [
    type.code,
    oneLine(type.description),
    String(type.durationMin),
    String(type.cost),
    type.flow,
    type.initiatedBy,
  ].join(' | ');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const chars = (text: string): number => [...text].length;

/**
 * Lines packed into as few boxes as Slack allows (each ≤ 3000 characters), never splitting a line.
 * A line longer than a whole box (not possible within the rules) is cut rather than dropping the box.
 */
export function packLines(lines: string[], max: number = setupLimits.textBoxChars): string[] {
  const boxes: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = chars(raw) > max ? [...raw].slice(0, max).join('') : raw;
    if (current === '') current = line;
    else if (chars(current) + 1 + chars(line) <= max) current = `${current}\n${line}`;
    else {
      boxes.push(current);
      current = line;
    }
  }
  if (current !== '' || boxes.length === 0) boxes.push(current);
  return boxes;
}

// ---- reading view.state.values, whatever Slack (or a forger) sent -------------------------------------

class StateReader {
  private readonly state: Record<string, unknown>;

  constructor(values: unknown) {
    this.state = recordSchema.parse(values);
  }

  has(blockId: string): boolean {
    return Object.hasOwn(this.state, blockId);
  }

  /** The element state of a block: our action id first, else whatever single element the block holds. */
  element(blockId: string): ElementState | undefined {
    return elementState(this.state, blockId, ids.setupField.action);
  }

  /** A text, number, select, radio, user or time value as a string; undefined when nothing was entered. */
  single(blockId: string): string | undefined {
    const state = this.element(blockId);
    return state?.value ?? state?.selected_option?.value ?? state?.selected_user ?? state?.selected_time ?? undefined;
  }

  /** Checkbox / multi-select values (option values or user ids). */
  many(blockId: string): string[] {
    const state = this.element(blockId);
    return optionValues(state?.selected_options ?? state?.selected_users);
  }

  checked(blockId: string): boolean {
    return this.many(blockId).includes(checkboxOn);
  }

  /** The boxes of a long list, in order, joined into one list of lines with where each came from. */
  boxes(base: string): { part: number; text: string }[] {
    const result: { part: number; text: string }[] = [];
    for (let part = 1; part <= setupLimits.textBoxesMax; part += 1) {
      const blockId = textBoxBlockId(base, part);
      if (!this.has(blockId)) {
        if (part === 1) continue;
        break;
      }
      result.push({ part, text: this.single(blockId) ?? '' });
    }
    return result;
  }
}

// ---- field rules ------------------------------------------------------------------------------------------

const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,16}$/, message)
    .transform(Number)
    .pipe(z.number().int(message).min(min, message).max(max, message));

const rules = {
  prefix: z
    .string()
    .trim()
    .min(1, t('setup.error.prefixRequired'))
    .regex(/^\S*$/, t('setup.error.prefixSpaces'))
    .max(setupLimits.prefixMax, t('setup.error.prefixTooLong', { max: setupLimits.prefixMax }))
    .transform((value) => value.toUpperCase()),
  digits: wholeNumber(setupLimits.digits.min, setupLimits.digits.max, t('setup.error.wholeNumber', setupLimits.digits)),
  nextNo: wholeNumber(1, setupLimits.nextNoMax, t('setup.error.nextNo')),
  hitPercent: wholeNumber(setupLimits.hitPercent.min, setupLimits.hitPercent.max, t('setup.error.hitPercent')),
  rowLength: wholeNumber(setupLimits.rowLength.min, setupLimits.rowLength.max, t('setup.error.rowLength')),
  defaultCode: z
    .string()
    .trim()
    .regex(/^\S*$/, t('setup.error.defaultCodeSpaces'))
    .max(setupLimits.defaultCodeMax, t('setup.error.defaultCodeTooLong', { max: setupLimits.defaultCodeMax }))
    .transform((value) => (value === '' ? undefined : value.toUpperCase())),
  userId: z.string().regex(/^[UW][A-Z0-9]{2,30}$/, t('setup.error.user')),
  phoneRegion: z
    .string()
    .trim()
    .refine((value): value is CountryCode => (getCountries() as string[]).includes(value), t('setup.error.phoneRegion'))
    .transform((value) => value as CountryCode),
  weekday: wholeNumber(1, 7, t('setup.error.weekday')),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, t('setup.error.time')),
  timeZone: z
    .string()
    .trim()
    .min(1, t('setup.error.timeZoneRequired'))
    .max(setupLimits.timeZoneMax, t('setup.error.timeZone'))
    .transform((value, ctx) => {
      const zone = canonicalTimeZone(value);
      if (zone === undefined) ctx.addIssue({ code: 'custom', message: t('setup.error.timeZone') });
      return zone ?? value;
    }),
  language: z.enum(['en', 'nb'], t('setup.error.language')),
};

/**
 * The zone as Kontakt stores it, or undefined when it is not a time zone. A zone in the IANA list is spelled as
 * there (`europe/oslo` → `Europe/Oslo`); an alias the runtime knows (`UTC`, `US/Pacific`) is kept as typed.
 */
export function canonicalTimeZone(zone: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return undefined;
  const lower = zone.toLowerCase();
  const listed = Intl.supportedValuesOf('timeZone').find((known) => known.toLowerCase() === lower);
  if (listed) return listed;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === lower ? resolved : zone;
  } catch {
    return undefined;
  }
}

class Errors {
  readonly byBlock: Record<string, string> = {};

  add(blockId: string, message: string): void {
    const previous = this.byBlock[blockId];
    this.byBlock[blockId] = previous === undefined ? message : `${previous} ${message}`;
  }

  get any(): boolean {
    return Object.keys(this.byBlock).length > 0;
  }

  /** Runs a rule over a raw value; the first issue's message goes on the block. */
  check<T>(blockId: string, schema: z.ZodType<T>, raw: string | undefined): T | undefined {
    const parsed = schema.safeParse(raw ?? '');
    if (parsed.success) return parsed.data;
    this.add(blockId, parsed.error.issues[0]?.message ?? t('setup.error.unreadable'));
    return undefined;
  }
}

// ---- the lists typed one entry per line ------------------------------------------------------------------

interface Line {
  part: number;
  /** 1-based, within its box: what the user sees. */
  line: number;
  text: string;
}

function linesOf(boxes: { part: number; text: string }[]): Line[] {
  return boxes.flatMap(({ part, text }) =>
    text.split(/\r?\n/).flatMap((raw, i) => (raw.trim() === '' ? [] : [{ part, line: i + 1, text: raw.trim() }])),
  );
}

/** Problems of a list: each box shows its first problem and the lines of the others. */
class LineProblems {
  private readonly problems = new Map<number, { first: string; more: number[] }>();

  add(line: Line, message: string): void {
    const box = this.problems.get(line.part);
    if (!box) this.problems.set(line.part, { first: message, more: [] });
    else if (!box.more.includes(line.line)) box.more.push(line.line);
  }

  get any(): boolean {
    return this.problems.size > 0;
  }

  report(errors: Errors, base: string): void {
    for (const [part, { first, more }] of this.problems) {
      const also = more.length === 0 ? '' : ` ${t('setup.error.moreLines', { lines: more.slice(0, 10).join(', ') })}`;
      errors.add(textBoxBlockId(base, part), first + also);
    }
  }
}

/** A code from a line, checked; undefined (with the problem recorded) when it breaks a rule. */
function readCode(raw: string, line: Line, seen: Map<string, Line>, problems: LineProblems): string | undefined {
  const code = raw.trim().toUpperCase();
  const shown = code.slice(0, 20);
  if (code === '') problems.add(line, t('setup.error.codeMissing', { line: line.line }));
  else if (/\s/.test(code)) problems.add(line, t('setup.error.codeSpaces', { line: line.line, code: shown }));
  else if (chars(code) > setupLimits.codeMax)
    problems.add(line, t('setup.error.codeTooLong', { line: line.line, code: shown, max: setupLimits.codeMax }));
  else {
    const first = seen.get(code);
    if (first === undefined) {
      seen.set(code, line);
      return code;
    }
    problems.add(
      line,
      first.part === line.part
        ? t('setup.error.codeDuplicate', { line: line.line, code, first: first.line })
        : t('setup.error.codeDuplicateEarlierBox', { line: line.line, code }),
    );
  }
  return undefined;
}

function readDescription(raw: string, line: Line, problems: LineProblems): string | undefined {
  const description = oneLine(raw);
  if (chars(description) <= setupLimits.descriptionMax) return description;
  problems.add(
    line,
    t('setup.error.descriptionTooLong', {
      line: line.line,
      max: setupLimits.descriptionMax,
      length: chars(description),
    }),
  );
  return undefined;
}

function parseCodeLines(boxes: { part: number; text: string }[], errors: Errors): CodeListEntry[] {
  const lines = linesOf(boxes);
  const problems = new LineProblems();
  const seen = new Map<string, Line>();
  const entries: CodeListEntry[] = [];
  for (const line of lines) {
    const pipe = line.text.indexOf('|');
    const [codeText, descriptionText] =
      pipe >= 0
        ? [line.text.slice(0, pipe), line.text.slice(pipe + 1)]
        : [line.text.split(/\s/, 1)[0] ?? '', line.text.replace(/^\S+/, '')];
    const code = readCode(codeText, line, seen, problems);
    const description = readDescription(descriptionText, line, problems);
    if (code !== undefined && description !== undefined) entries.push({ code, description });
  }
  problems.report(errors, blocks.codes);
  if (lines.length > setupLimits.entriesMax) {
    errors.add(blocks.codes, t('setup.error.tooManyCodes', { max: setupLimits.entriesMax, count: lines.length }));
  }
  return entries;
}

const flows = ['inbound', 'outbound'] as const;
const initiators = ['us', 'them'] as const;

function parseInteractionLines(boxes: { part: number; text: string }[], errors: Errors): InteractionType[] {
  const lines = linesOf(boxes);
  const problems = new LineProblems();
  const seen = new Map<string, Line>();
  const types: InteractionType[] = [];
  for (const line of lines) {
    const fields = line.text.split('|').map((field) => field.trim());
    if (fields.length < 6) {
      problems.add(line, t('setup.error.typeParts', { line: line.line, count: fields.length }));
      continue;
    }
    // A description may itself hold `|`: the first field is the code, the last four are fixed, the rest describe.
    const [codeText = '', ...rest] = fields;
    const [minutesText = '', costText = '', flowText = '', initiatedText = ''] = rest.slice(-4);
    const code = readCode(codeText, line, seen, problems);
    const description = readDescription(rest.slice(0, -4).join(' | '), line, problems);
    const minutes = /^\d{1,4}$/.test(minutesText) ? Number(minutesText) : NaN;
    if (!(minutes >= 0 && minutes <= setupLimits.minutesMax)) {
      problems.add(
        line,
        t('setup.error.typeMinutes', { line: line.line, value: minutesText.slice(0, 20), max: setupLimits.minutesMax }),
      );
    }
    const costNormalised = costText.replace(/\s/g, '').replace(',', '.');
    const cost = /^\d+(\.\d+)?$/.test(costNormalised) ? Number(costNormalised) : NaN;
    if (!(cost >= 0 && cost <= setupLimits.costMax))
      problems.add(line, t('setup.error.typeCost', { line: line.line, value: costText.slice(0, 20) }));
    const flow = flows.find((value) => value === flowText.toLowerCase());
    if (!flow) problems.add(line, t('setup.error.typeFlow', { line: line.line, value: flowText.slice(0, 20) }));
    const initiatedBy = initiators.find((value) => value === initiatedText.toLowerCase());
    if (!initiatedBy)
      problems.add(line, t('setup.error.typeInitiatedBy', { line: line.line, value: initiatedText.slice(0, 20) }));
    if (
      code !== undefined &&
      description !== undefined &&
      flow &&
      initiatedBy &&
      !Number.isNaN(minutes) &&
      !Number.isNaN(cost)
    ) {
      types.push({ code, description, durationMin: minutes, cost, flow, initiatedBy });
    }
  }
  problems.report(errors, blocks.interactionTypes);
  if (lines.length === 0) errors.add(blocks.interactionTypes, t('setup.error.typesRequired'));
  if (lines.length > setupLimits.entriesMax) {
    errors.add(
      blocks.interactionTypes,
      t('setup.error.tooManyTypes', { max: setupLimits.entriesMax, count: lines.length }),
    );
  }
  return types;
}

// ---- duplicates rows ---------------------------------------------------------------------------------------

const rowFieldSchema = z.enum(duplicateFields);
const rowPartSchema = z.enum(duplicateParts);

/** `name:first` → the row's field and part; undefined for anything else. */
function parseRowValue(value: string | undefined): Pick<DuplicateSearchRow, 'field' | 'part'> | undefined {
  const [field, part, ...rest] = (value ?? '').split(':');
  const parsedField = rowFieldSchema.safeParse(field);
  const parsedPart = rowPartSchema.safeParse(part);
  return parsedField.success && parsedPart.success && rest.length === 0
    ? { field: parsedField.data, part: parsedPart.data }
    : undefined;
}

/** The row numbers whose blocks are in the state, 1…n without gaps (a forged gap ends the list). */
function rowNumbers(reader: StateReader): number[] {
  const rows: number[] = [];
  for (let row = 1; row <= setupLimits.rows.max; row += 1) {
    const blockIds = duplicateRowBlockIds(row);
    if (!reader.has(blockIds.field) && !reader.has(blockIds.length)) break;
    rows.push(row);
  }
  return rows;
}

/** The row every new or unreadable row starts as (the domain's default length is 5). */
export const defaultDuplicateRow: DuplicateSearchRow = { field: 'name', part: 'first', length: 5 };

/**
 * The search-string rows as currently typed in the duplicates section, for redrawing it after "Add row" or
 * "Remove last row". Tolerant: a row whose field is not chosen yet reads as the default row's field, a length
 * that is not a number in range as the default length. Never throws.
 */
export function readDuplicateRows(values: unknown): DuplicateSearchRow[] {
  const reader = new StateReader(values);
  return rowNumbers(reader).map((row) => {
    const blockIds = duplicateRowBlockIds(row);
    const fieldPart = parseRowValue(reader.single(blockIds.field)) ?? defaultDuplicateRow;
    const length = rules.rowLength.safeParse(reader.single(blockIds.length) ?? '');
    return {
      field: fieldPart.field,
      part: fieldPart.part,
      length: length.success ? length.data : defaultDuplicateRow.length,
    };
  });
}

// ---- sections ----------------------------------------------------------------------------------------------

export type SetupSectionResult = { ok: true; patch: SetupPatch } | { ok: false; errors: Record<string, string> };

function parseSection(section: SetupSection, reader: StateReader, errors: Errors, setup: WorkspaceSetup): SetupPatch {
  const read = (block: SetupBlock) => reader.single(blocks[block]);
  const check = <T>(block: SetupBlock, schema: z.ZodType<T>) => errors.check(blocks[block], schema, read(block));
  switch (section) {
    case 'numbering': {
      const prefix = check('prefix', rules.prefix);
      const digits = check('digits', rules.digits);
      const nextNo = check('nextNo', rules.nextNo);
      if (prefix === undefined || digits === undefined || nextNo === undefined) return {};
      return { numbering: { prefix, digits, allowManual: reader.checked(blocks.allowManual) }, nextNo };
    }
    case 'inheritance': {
      const on = new Set(reader.many(blocks.inheritance));
      return {
        inheritance: Object.fromEntries(
          inheritanceSwitches.map((name) => [name, on.has(name)]),
        ) as WorkspaceSetup['inheritance'],
      };
    }
    case 'defaults': {
      const country = check('country', rules.defaultCode);
      const language = check('defaultLanguage', rules.defaultCode);
      const rawUser = read('salesperson');
      const salespersonId = rawUser ? errors.check(blocks.salesperson, rules.userId, rawUser) : undefined;
      const rawTerritory = read('territory');
      let territory: string | undefined;
      if (rawTerritory && rawTerritory !== noTerritoryValue) {
        territory = setup.codes.territories.find(
          (entry) => entry.code.toUpperCase() === rawTerritory.trim().toUpperCase(),
        )?.code;
        if (territory === undefined)
          errors.add(blocks.territory, t('setup.error.territory', { code: rawTerritory.slice(0, 20) }));
      }
      const phoneRegion = check('phoneRegion', rules.phoneRegion);
      if (phoneRegion === undefined) return {};
      return {
        defaults: {
          ...(country ? { country } : {}),
          ...(language ? { language } : {}),
          ...(salespersonId ? { salespersonId } : {}),
          ...(territory ? { territory } : {}),
          phoneRegion,
        },
      };
    }
    case 'duplicates': {
      const hitPercent = check('hitPercent', rules.hitPercent);
      const rows: DuplicateSearchRow[] = [];
      const numbers = rowNumbers(reader);
      if (numbers.length < setupLimits.rows.min) errors.add(blocks.autosearch, t('setup.error.rowsRequired'));
      for (const row of numbers) {
        const blockIds = duplicateRowBlockIds(row);
        const fieldPart = parseRowValue(reader.single(blockIds.field));
        if (!fieldPart) errors.add(blockIds.field, t('setup.error.rowField'));
        const length = errors.check(blockIds.length, rules.rowLength, reader.single(blockIds.length));
        if (fieldPart && length !== undefined) rows.push({ ...fieldPart, length });
      }
      if (hitPercent === undefined) return {};
      return { duplicates: { autosearch: reader.checked(blocks.autosearch), hitPercent, rows } };
    }
    case 'interactionTypes':
      return { interactionTypes: parseInteractionLines(reader.boxes(blocks.interactionTypes), errors) };
    case 'roles': {
      const users = (block: SetupBlock) => {
        const valid = reader.many(blocks[block]).filter((id) => rules.userId.safeParse(id).success);
        return [...new Set(valid)].slice(0, setupLimits.usersMax);
      };
      return { roles: { admins: users('admins'), managers: users('managers') } };
    }
    case 'digest': {
      const weekday = check('digestWeekday', rules.weekday);
      const time = check('digestTime', rules.time);
      const timeZone = check('digestTimeZone', rules.timeZone);
      if (weekday === undefined || time === undefined || timeZone === undefined) return {};
      return { digest: { enabled: reader.checked(blocks.digestEnabled), weekday, time, timeZone } };
    }
    case 'language': {
      const language = check('language', rules.language);
      return language === undefined ? {} : { language };
    }
    default:
      return { codes: { [section]: parseCodeLines(reader.boxes(blocks.codes), errors) } };
  }
}

/**
 * Reads one setup section's `view.state.values` into the patch the setup service saves, or errors keyed by
 * block id for `ack({ response_action: 'errors', errors })`. Nothing is half-read: any error means no patch.
 * Never throws: unknown shapes read as empty fields, which the rules then report.
 */
export function parseSetupSection(
  section: SetupSection,
  values: unknown,
  context: { setup: WorkspaceSetup },
): SetupSectionResult {
  const errors = new Errors();
  try {
    const patch = parseSection(section, new StateReader(values), errors, context.setup);
    return errors.any ? { ok: false, errors: errors.byBlock } : { ok: true, patch };
  } catch {
    // Not expected: every read above is guarded. A bug must not turn a form into a crash, so say so on the form.
    return { ok: false, errors: { [firstBlockOf(section)]: t('setup.error.unreadable') } };
  }
}

/** Where each patch path of the setup service's errors is shown; the rest go on the section's first block. */
const blockOfPath: Record<string, string> = {
  nextNo: blocks.nextNo,
  'numbering.nextNo': blocks.nextNo,
  'numbering.prefix': blocks.prefix,
  'numbering.digits': blocks.digits,
  'numbering.allowManual': blocks.allowManual,
  'defaults.country': blocks.country,
  'defaults.language': blocks.defaultLanguage,
  'defaults.salespersonId': blocks.salesperson,
  'defaults.territory': blocks.territory,
  'defaults.phoneRegion': blocks.phoneRegion,
  'duplicates.autosearch': blocks.autosearch,
  'duplicates.hitPercent': blocks.hitPercent,
  'duplicates.rows': duplicateRowBlockIds(1).field,
  interactionTypes: blocks.interactionTypes,
  'roles.admins': blocks.admins,
  'roles.managers': blocks.managers,
  'digest.enabled': blocks.digestEnabled,
  'digest.weekday': blocks.digestWeekday,
  'digest.time': blocks.digestTime,
  'digest.timeZone': blocks.digestTimeZone,
  language: blocks.language,
  ...Object.fromEntries(codeListSections.map((list) => [`codes.${list}`, blocks.codes])),
};

/** The block ids each section's modal always shows (the parts of long lists and the rows beyond the first vary). */
const sectionBlocks: Record<SetupSection, readonly string[]> = {
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
  roles: [blocks.admins, blocks.managers],
  digest: [blocks.digestEnabled, blocks.digestWeekday, blocks.digestTime, blocks.digestTimeZone],
  language: [blocks.language],
};

/**
 * Maps the setup service's errors (keyed by patch path: `nextNo`, `codes.industryGroups`, `form`…) to the
 * section modal's block ids. A path with no block in this section's modal goes on its first input block.
 * A code list's error only goes on its box when it is about this section's list.
 */
export function setupErrorsToBlockErrors(
  section: SetupSection,
  errors: Record<string, string>,
): Record<string, string> {
  const result: Record<string, string> = {};
  const shown = sectionBlocks[section] ?? [];
  for (const [path, message] of Object.entries(errors ?? {})) {
    if (typeof message !== 'string' || message === '') continue;
    const mapped = Object.hasOwn(blockOfPath, path) ? blockOfPath[path] : undefined;
    const wrongList = path.startsWith('codes.') && path !== `codes.${section}`;
    const blockId = mapped !== undefined && shown.includes(mapped) && !wrongList ? mapped : firstBlockOf(section);
    result[blockId] = result[blockId] === undefined ? message : `${result[blockId]} ${message}`;
  }
  return result;
}
