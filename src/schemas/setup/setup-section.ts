import type { z } from 'zod';
import type { Translator } from '../../i18n';
import type { SetupPatch, SetupSection, WorkspaceSetup } from '../../services/setup/setup.types';
import { FormErrors, toBlockErrors, type BlockErrors } from '../block-errors';
import type { StateReader } from '../view-state';
import { parseCodeLines } from './code-lines';
import { parseDuplicateRows } from './duplicate-rows';
import { setupRules } from './field-rules';
import {
  codeListSections,
  duplicateRowBlockIds,
  firstBlockOf,
  inheritanceSwitches,
  isTicked,
  noTerritoryValue,
  sectionBlocks,
  setupBlocks as blocks,
  setupLimits,
  setupState,
  type SetupBlock,
} from './setup-form';

export type SetupSectionResult = { ok: true; patch: SetupPatch } | { ok: false; errors: BlockErrors };

/** Errors of the parser are keyed by block id already. */
const sameBlock = (blockId: string) => blockId;

function parseSection(
  section: SetupSection,
  reader: StateReader,
  errors: FormErrors,
  setup: WorkspaceSetup,
  tr: Translator,
): SetupPatch {
  const rules = setupRules(tr.locale);
  const read = (block: SetupBlock) => reader.single(blocks[block]);
  const check = <T>(block: SetupBlock, rule: z.ZodType<T>) => errors.check(blocks[block], rule, read(block));
  switch (section) {
    case 'numbering': {
      const prefix = check('prefix', rules.prefix);
      const digits = check('digits', rules.digits);
      const nextNo = check('nextNo', rules.nextNo);
      if (prefix === undefined || digits === undefined || nextNo === undefined) return {};
      return { numbering: { prefix, digits, allowManual: isTicked(reader, blocks.allowManual) }, nextNo };
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
          errors.add(blocks.territory, tr.t('setup.error.territory', { code: rawTerritory.slice(0, 20) }));
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
      const rows = parseDuplicateRows(reader, errors, tr);
      if (hitPercent === undefined) return {};
      return { duplicates: { autosearch: isTicked(reader, blocks.autosearch), hitPercent, rows } };
    }
    case 'interactionTypes':
      // The list is edited type by type (each saved at once); "Done" keeps what is stored and marks it decided.
      return { interactionTypes: setup.interactionTypes };
    case 'sharing':
      return { sharingEnabled: isTicked(reader, blocks.sharingEnabled) };
    case 'imports':
      return { importForEveryone: isTicked(reader, blocks.importForEveryone) };
    case 'retention': {
      // Empty: keep every visit. Otherwise a whole number of years within the limits.
      const raw = (read('retentionYears') ?? '').trim();
      if (raw === '') return { visitRetentionYears: null };
      const years = check('retentionYears', rules.retentionYears);
      return years === undefined ? {} : { visitRetentionYears: years };
    }
    case 'register':
      return { registerCheck: isTicked(reader, blocks.registerCheck) };
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
      return { digest: { enabled: isTicked(reader, blocks.digestEnabled), weekday, time, timeZone } };
    }
    case 'language': {
      const language = check('language', rules.language);
      return language === undefined ? {} : { language };
    }
    default:
      return { codes: { [section]: parseCodeLines(reader, errors, tr) } };
  }
}

/**
 * Reads one setup section's `view.state.values` into the patch the setup service saves, or errors keyed by
 * block id for `ack({ response_action: 'errors', errors })`, in `context.tr`'s language. Nothing is half-read: any error means no patch.
 * Never throws: unknown shapes read as empty fields, which the rules then report.
 */
export function parseSetupSection(
  section: SetupSection,
  values: unknown,
  context: { setup: WorkspaceSetup; tr: Translator },
): SetupSectionResult {
  const errors = new FormErrors();
  const patch = parseSection(section, setupState(values), errors, context.setup, context.tr);
  return errors.any
    ? { ok: false, errors: errors.toBlockErrors(sameBlock, firstBlockOf(section)) }
    : { ok: true, patch };
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
  sharingEnabled: blocks.sharingEnabled,
  importForEveryone: blocks.importForEveryone,
  visitRetentionYears: blocks.retentionYears,
  registerCheck: blocks.registerCheck,
  ...Object.fromEntries(codeListSections.map((list) => [`codes.${list}`, blocks.codes])),
};

/**
 * Maps the setup service's errors (keyed by patch path: `nextNo`, `codes.industryGroups`, `form`…) to the
 * section modal's block ids. A path with no block in this section's modal goes on its first input block.
 * A code list's error only goes on its box when it is about this section's list.
 */
export function setupErrorsToBlockErrors(section: SetupSection, errors: Record<string, string>): BlockErrors {
  const shown = sectionBlocks[section];
  const blockOf = (path: string): string | undefined => {
    const mapped = Object.hasOwn(blockOfPath, path) ? blockOfPath[path] : undefined;
    const otherList = path.startsWith('codes.') && path !== `codes.${section}`;
    return mapped !== undefined && shown.includes(mapped) && !otherList ? mapped : undefined;
  };
  return toBlockErrors(errors, blockOf, firstBlockOf(section));
}
