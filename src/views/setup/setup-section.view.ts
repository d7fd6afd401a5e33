import type { ActionsBlock, ContextBlock, InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { LOCALES, type Translator } from '../../i18n';
import { ids } from '../../ids';
import { formatCodeLine } from '../../schemas/setup/code-lines';
import {
  defaultDuplicateRow,
  duplicateFields,
  duplicateParts,
  duplicateRowValue,
} from '../../schemas/setup/duplicate-rows';
import { packLines } from '../../schemas/setup/line-list';
import {
  checkboxOn,
  duplicateRowBlockIds,
  inheritanceSwitches,
  isCodeListSection,
  noTerritoryValue,
  setupLimits,
  textBoxBlockId,
  weekdays,
} from '../../schemas/setup/setup-form';
import type { CodeListName, DuplicateSearchRow, SetupSection, WorkspaceSetup } from '../../services/setup/setup.types';
import { codeOptions, selectedOptions } from '../contact/code-options';
import { checkboxElement, selectElement, textElement, usersElement } from '../contact/contact-modal.inputs';
import { mrkdwn, plain, SLACK } from '../contact/text';
import { phoneRegionOptions } from './phone-regions';
import {
  checkboxesElement,
  multilineElement,
  multiUsersElement,
  numberElement,
  option,
  radioElement,
  setupInput,
  timeElement,
  timeZoneElement,
} from './setup-inputs';
import { interactionTypeListBlocks } from './setup-types.view';
import {
  duplicateRowLabel,
  formatContactNo,
  inheritanceLabel,
  languageName,
  sectionTitle,
  weekdayName,
} from './setup-labels';

const blocks = ids.setupField.blocks;

export interface SetupSectionModalArgs {
  section: SetupSection;
  setup: WorkspaceSetup;
  /** The number the next new contact gets now (numbering). */
  nextNo: number;
  /** The admin's own time zone: the digest's zone until one is set. */
  adminTimeZone: string;
  /** Overrides setup.duplicates.rows when redrawing after "Add row" / "Remove last row". */
  duplicateRows?: DuplicateSearchRow[];
  /** Interaction types: a line about what just happened ("Removed PHONE."), shown above the list. */
  note?: string;
  privateMetadata: string;
}

function numberingBlocks(tr: Translator, { setup, nextNo }: SetupSectionModalArgs): KnownBlock[] {
  const { numbering } = setup;
  return [
    setupInput(blocks.prefix, textElement(numbering.prefix, setupLimits.prefixMax, 'CT'), {
      label: tr.t('setup.numbering.prefix'),
      hint: tr.t('setup.numbering.prefixHint', { max: setupLimits.prefixMax }),
      required: true,
    }),
    setupInput(blocks.digits, numberElement(numbering.digits, setupLimits.digits.min, setupLimits.digits.max), {
      label: tr.t('setup.numbering.digits'),
      hint: tr.t('setup.numbering.digitsHint', { example: formatContactNo(numbering, 1) }),
      required: true,
    }),
    setupInput(blocks.nextNo, numberElement(nextNo, 1), {
      label: tr.t('setup.numbering.nextNo'),
      hint: tr.t('setup.numbering.nextNoHint', { example: formatContactNo(numbering, nextNo), next: nextNo }),
      required: true,
    }),
    setupInput(
      blocks.allowManual,
      checkboxElement(tr.t('setup.numbering.allowManualOption'), checkboxOn, numbering.allowManual),
      {
        label: tr.t('setup.numbering.allowManual'),
      },
    ),
  ];
}

function inheritanceBlocks(tr: Translator, { setup }: SetupSectionModalArgs): KnownBlock[] {
  const options = inheritanceSwitches.map((name) => option(inheritanceLabel(tr, name), name));
  const on = inheritanceSwitches.filter((name) => setup.inheritance[name]);
  return [
    setupInput(blocks.inheritance, checkboxesElement(options, on), {
      label: tr.t('setup.inheritance.label'),
      hint: tr.t('setup.inheritance.hint'),
    }),
  ];
}

function territoryBlock(tr: Translator, setup: WorkspaceSetup): InputBlock | undefined {
  // One option is "no default"; the codes fill the rest of what a select holds, the current default always among them.
  const all = codeOptions(setup.codes.territories);
  if (all.length === 0) return undefined;
  const none = option(tr.t('setup.defaults.noTerritory'), noTerritoryValue);
  const [current] = selectedOptions(all, setup.defaults.territory);
  const first = all.slice(0, SLACK.selectOptions - 1);
  const codes = current && !first.includes(current) ? [current, ...first.slice(0, -1)] : first;
  const selected = current ?? none;
  return setupInput(blocks.territory, selectElement([none, ...codes], [selected]), {
    label: tr.t('contact.field.territory'),
    hint: tr.t('setup.defaults.territoryHint'),
  });
}

function defaultsBlocks(tr: Translator, { setup }: SetupSectionModalArgs): KnownBlock[] {
  const { defaults } = setup;
  const regions = phoneRegionOptions(defaults.phoneRegion);
  const territory = territoryBlock(tr, setup);
  return [
    setupInput(
      blocks.country,
      textElement(defaults.country, setupLimits.defaultCodeMax, tr.t('contact.placeholder.country')),
      {
        label: tr.t('contact.field.country'),
        hint: tr.t('setup.defaults.countryHint'),
      },
    ),
    setupInput(blocks.defaultLanguage, textElement(defaults.language, setupLimits.defaultCodeMax, 'NB'), {
      label: tr.t('contact.field.language'),
      hint: tr.t('setup.defaults.languageHint'),
    }),
    setupInput(blocks.salesperson, usersElement(defaults.salespersonId, tr.t('contact.placeholder.salesperson')), {
      label: tr.t('contact.field.salespersonId'),
      hint: tr.t('setup.defaults.salespersonHint'),
    }),
    ...(territory ? [territory] : []),
    setupInput(
      blocks.phoneRegion,
      selectElement(
        regions,
        regions.filter((o) => o.value === defaults.phoneRegion),
        tr.t('contact.placeholder.choose'),
      ),
      {
        label: tr.t('setup.defaults.phoneRegion'),
        hint: tr.t('setup.defaults.phoneRegionHint'),
        required: true,
      },
    ),
  ];
}

const rowOptions = (tr: Translator): PlainTextOption[] =>
  duplicateFields.flatMap((field) =>
    duplicateParts.map((part) => option(duplicateRowLabel(tr, { field, part }), duplicateRowValue({ field, part }))),
  );

function duplicateRows(args: SetupSectionModalArgs): DuplicateSearchRow[] {
  const rows = (args.duplicateRows ?? args.setup.duplicates.rows).slice(0, setupLimits.rows.max);
  return rows.length > 0 ? rows : [defaultDuplicateRow];
}

function duplicatesBlocks(tr: Translator, args: SetupSectionModalArgs): KnownBlock[] {
  const { duplicates } = args.setup;
  const rows = duplicateRows(args);
  const options = rowOptions(tr);
  const rowBlocks = rows.flatMap((row, i): InputBlock[] => {
    const blockIds = duplicateRowBlockIds(i + 1);
    const selected = options.filter((o) => o.value === duplicateRowValue(row));
    return [
      setupInput(blockIds.field, selectElement(options, selected, tr.t('contact.placeholder.choose')), {
        label: tr.t('setup.duplicates.row', { n: i + 1 }),
        required: true,
      }),
      setupInput(blockIds.length, numberElement(row.length, setupLimits.rowLength.min, setupLimits.rowLength.max), {
        label: tr.t('setup.duplicates.rowLength', { n: i + 1 }),
        required: true,
      }),
    ];
  });
  const buttons: ActionsBlock['elements'] = [];
  if (rows.length < setupLimits.rows.max) {
    buttons.push({
      type: 'button',
      action_id: ids.actions.setupAddDuplicateRow,
      text: plain(tr.t('setup.duplicates.addRow'), SLACK.buttonText),
      value: String(rows.length),
    });
  }
  if (rows.length > setupLimits.rows.min) {
    buttons.push({
      type: 'button',
      action_id: ids.actions.setupRemoveDuplicateRow,
      text: plain(tr.t('setup.duplicates.removeRow'), SLACK.buttonText),
      value: String(rows.length),
    });
  }
  const intro: ContextBlock = {
    type: 'context',
    elements: [mrkdwn(tr.t('setup.duplicates.rowsIntro', { max: setupLimits.rows.max }))],
  };
  return [
    setupInput(
      blocks.autosearch,
      checkboxElement(tr.t('setup.duplicates.autosearchOption'), checkboxOn, duplicates.autosearch),
      {
        label: tr.t('setup.duplicates.autosearch'),
      },
    ),
    setupInput(
      blocks.hitPercent,
      numberElement(duplicates.hitPercent, setupLimits.hitPercent.min, setupLimits.hitPercent.max),
      {
        label: tr.t('setup.duplicates.hitPercent'),
        hint: tr.t('setup.duplicates.hitPercentHint'),
        required: true,
      },
    ),
    intro,
    ...rowBlocks,
    ...(buttons.length > 0
      ? [{ type: 'actions', block_id: blocks.duplicateRowButtons, elements: buttons } satisfies ActionsBlock]
      : []),
  ];
}

/**
 * One or more text boxes holding a list one entry per line. A box holds 3000 characters, so a long list goes on
 * in the next box; a box with little room left is followed by an empty one for new lines.
 */
function lineBoxes(
  tr: Translator,
  base: string,
  lines: string[],
  text: { label: string; hint: string; placeholder: string; required?: boolean },
): InputBlock[] {
  const boxes = packLines(lines);
  const last = boxes[boxes.length - 1] ?? '';
  if (boxes.length > 1 || [...last].length > setupLimits.textBoxChars - 620) {
    if (last !== '') boxes.push('');
  }
  return boxes.map((box, i) =>
    setupInput(textBoxBlockId(base, i + 1), multilineElement(box, i === 0 ? text.placeholder : undefined), {
      label: i === 0 ? text.label : tr.t('setup.list.continued', { label: text.label, part: i + 1 }),
      hint: i === 0 ? (boxes.length > 1 ? `${text.hint} ${tr.t('setup.list.moreBoxes')}` : text.hint) : undefined,
      required: i === 0 && text.required,
    }),
  );
}

function codeListBlocks(tr: Translator, list: CodeListName, setup: WorkspaceSetup): KnownBlock[] {
  const entries = setup.codes[list];
  return lineBoxes(tr, blocks.codes, entries.map(formatCodeLine), {
    label: sectionTitle(tr, list),
    hint: tr.t('setup.codes.hint', {
      codeMax: setupLimits.codeMax,
      descriptionMax: setupLimits.descriptionMax,
      max: setupLimits.entriesMax,
    }),
    placeholder: tr.t('setup.codes.placeholder'),
  });
}

function rolesBlocks(tr: Translator, { setup }: SetupSectionModalArgs): KnownBlock[] {
  return [
    setupInput(blocks.admins, multiUsersElement(setup.roles.admins, tr.t('contact.placeholder.chooseMany')), {
      label: tr.t('setup.roles.admins'),
      hint: tr.t('setup.roles.adminsHint'),
    }),
    setupInput(blocks.managers, multiUsersElement(setup.roles.managers, tr.t('contact.placeholder.chooseMany')), {
      label: tr.t('setup.roles.managers'),
      hint: tr.t('setup.roles.managersHint'),
    }),
  ];
}

function digestBlocks(tr: Translator, { setup, adminTimeZone }: SetupSectionModalArgs): KnownBlock[] {
  const { digest } = setup;
  const days = weekdays.map((day) => option(weekdayName(tr, day), String(day)));
  return [
    setupInput(blocks.digestEnabled, checkboxElement(tr.t('setup.digest.enabledOption'), checkboxOn, digest.enabled), {
      label: tr.t('setup.digest.enabled'),
    }),
    setupInput(
      blocks.digestWeekday,
      selectElement(
        days,
        days.filter((o) => o.value === String(digest.weekday)),
        tr.t('contact.placeholder.choose'),
      ),
      {
        label: tr.t('setup.digest.weekday'),
        required: true,
      },
    ),
    setupInput(blocks.digestTime, timeElement(digest.time), { label: tr.t('setup.digest.time'), required: true }),
    setupInput(blocks.digestTimeZone, timeZoneElement(tr, digest.timeZone ?? adminTimeZone), {
      label: tr.t('setup.digest.timeZone'),
      hint: tr.t('setup.digest.timeZoneHint'),
      required: true,
    }),
  ];
}

function sharingBlocks(tr: Translator, { setup }: SetupSectionModalArgs): KnownBlock[] {
  return [
    setupInput(blocks.sharingEnabled, checkboxElement(tr.t('setup.sharing.option'), checkboxOn, setup.sharingEnabled), {
      label: tr.t('setup.sharing.label'),
      hint: tr.t('setup.sharing.hint'),
    }),
  ];
}

function importsBlocks(tr: Translator, { setup }: SetupSectionModalArgs): KnownBlock[] {
  return [
    setupInput(
      blocks.importForEveryone,
      checkboxElement(tr.t('setup.imports.option'), checkboxOn, setup.importForEveryone),
      { label: tr.t('setup.imports.label'), hint: tr.t('setup.imports.hint') },
    ),
  ];
}

function retentionBlocks(tr: Translator, { setup }: SetupSectionModalArgs): KnownBlock[] {
  const { min, max } = setupLimits.retentionYears;
  // Empty keeps every visit (the box is optional); the parser checks the range again, in the admin's language.
  const element = numberElement(setup.visitRetentionYears ?? undefined, min, max);
  return [
    setupInput(
      blocks.retentionYears,
      { ...element, placeholder: plain(tr.t('setup.retention.placeholder'), SLACK.placeholder) },
      { label: tr.t('setup.retention.label'), hint: tr.t('setup.retention.hint') },
    ),
  ];
}

function registerBlocks(tr: Translator, { setup }: SetupSectionModalArgs): KnownBlock[] {
  return [
    setupInput(blocks.registerCheck, checkboxElement(tr.t('setup.register.option'), checkboxOn, setup.registerCheck), {
      label: tr.t('setup.register.label'),
      hint: tr.t('setup.register.hint'),
    }),
  ];
}

/**
 * The language radio, then "Use Norwegian defaults": Norwegian names for the interaction types and code-list
 * examples that still have their English defaults, and phone region NO (saved at once; see useNorwegianDefaults).
 */
function languageBlocks(tr: Translator, { setup, note }: SetupSectionModalArgs): KnownBlock[] {
  const options = LOCALES.map((language) => option(languageName(tr, language), language));
  const result: KnownBlock[] = [
    setupInput(blocks.language, radioElement(options, setup.language), {
      label: tr.t('setup.language.label'),
      hint: tr.t('setup.language.hint'),
      required: true,
    }),
    { type: 'divider' },
    { type: 'section', text: mrkdwn(tr.t('setup.language.norwegianDefaultsHint')) },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ids.actions.setupNorwegianDefaults,
          text: plain(tr.t('setup.language.norwegianDefaults'), SLACK.buttonText),
        },
      ],
    },
  ];
  if (note) result.push({ type: 'context', elements: [mrkdwn(note)] });
  return result;
}

function sectionBlocks(tr: Translator, args: SetupSectionModalArgs): KnownBlock[] {
  const { section } = args;
  if (isCodeListSection(section)) return codeListBlocks(tr, section, args.setup);
  switch (section) {
    case 'numbering':
      return numberingBlocks(tr, args);
    case 'inheritance':
      return inheritanceBlocks(tr, args);
    case 'defaults':
      return defaultsBlocks(tr, args);
    case 'duplicates':
      return duplicatesBlocks(tr, args);
    case 'interactionTypes':
      return interactionTypeListBlocks(tr, args.setup, args.note);
    case 'sharing':
      return sharingBlocks(tr, args);
    case 'imports':
      return importsBlocks(tr, args);
    case 'retention':
      return retentionBlocks(tr, args);
    case 'register':
      return registerBlocks(tr, args);
    case 'roles':
      return rolesBlocks(tr, args);
    case 'digest':
      return digestBlocks(tr, args);
    case 'language':
      return languageBlocks(tr, args);
  }
}

export function assertMetadataFits(privateMetadata: string): void {
  if (privateMetadata.length > SLACK.privateMetadata) {
    // Cutting it would corrupt what the submit handler needs; this is a bug in the caller, not user input.
    throw new RangeError(
      `private_metadata is ${privateMetadata.length} characters; Slack allows ${SLACK.privateMetadata}`,
    );
  }
}

/**
 * One section of setup, pushed over the root setup modal: its form pre-filled from the current setup.
 * Submitting sends view_submission (ids.views.setupSection); parseSetupSection reads it back.
 */
export function setupSectionModal(tr: Translator, args: SetupSectionModalArgs): ModalView {
  assertMetadataFits(args.privateMetadata);
  // The interaction types are saved type by type; the list's own button only says the admin is done with it.
  const submit = args.section === 'interactionTypes' ? tr.t('setup.types.done') : tr.t('setup.modal.save');
  return {
    type: 'modal',
    callback_id: ids.views.setupSection,
    title: plain(sectionTitle(tr, args.section), SLACK.modalTitle),
    submit: plain(submit, SLACK.modalTitle),
    close: plain(tr.t('setup.modal.back'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks: sectionBlocks(tr, args),
  };
}
