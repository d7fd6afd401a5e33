import type { ActionsBlock, ContextBlock, InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { t } from '../../i18n';
import { ids } from '../../ids';
import { formatCodeLine } from '../../schemas/setup/code-lines';
import {
  defaultDuplicateRow,
  duplicateFields,
  duplicateParts,
  duplicateRowValue,
} from '../../schemas/setup/duplicate-rows';
import { formatInteractionLine } from '../../schemas/setup/interaction-lines';
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
} from './setup-inputs';
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
  privateMetadata: string;
}

function numberingBlocks({ setup, nextNo }: SetupSectionModalArgs): KnownBlock[] {
  const { numbering } = setup;
  return [
    setupInput(blocks.prefix, textElement(numbering.prefix, setupLimits.prefixMax, 'CT'), {
      label: t('setup.numbering.prefix'),
      hint: t('setup.numbering.prefixHint', { max: setupLimits.prefixMax }),
      required: true,
    }),
    setupInput(blocks.digits, numberElement(numbering.digits, setupLimits.digits.min, setupLimits.digits.max), {
      label: t('setup.numbering.digits'),
      hint: t('setup.numbering.digitsHint', { example: formatContactNo(numbering, 1) }),
      required: true,
    }),
    setupInput(blocks.nextNo, numberElement(nextNo, 1), {
      label: t('setup.numbering.nextNo'),
      hint: t('setup.numbering.nextNoHint', { example: formatContactNo(numbering, nextNo), next: nextNo }),
      required: true,
    }),
    setupInput(
      blocks.allowManual,
      checkboxElement(t('setup.numbering.allowManualOption'), checkboxOn, numbering.allowManual),
      {
        label: t('setup.numbering.allowManual'),
      },
    ),
  ];
}

function inheritanceBlocks({ setup }: SetupSectionModalArgs): KnownBlock[] {
  const options = inheritanceSwitches.map((name) => option(inheritanceLabel(name), name));
  const on = inheritanceSwitches.filter((name) => setup.inheritance[name]);
  return [
    setupInput(blocks.inheritance, checkboxesElement(options, on), {
      label: t('setup.inheritance.label'),
      hint: t('setup.inheritance.hint'),
    }),
  ];
}

function territoryBlock(setup: WorkspaceSetup): InputBlock | undefined {
  // One option is "no default"; the codes fill the rest of what a select holds, the current default always among them.
  const all = codeOptions(setup.codes.territories);
  if (all.length === 0) return undefined;
  const none = option(t('setup.defaults.noTerritory'), noTerritoryValue);
  const [current] = selectedOptions(all, setup.defaults.territory);
  const first = all.slice(0, SLACK.selectOptions - 1);
  const codes = current && !first.includes(current) ? [current, ...first.slice(0, -1)] : first;
  const selected = current ?? none;
  return setupInput(blocks.territory, selectElement([none, ...codes], [selected]), {
    label: t('contact.field.territory'),
    hint: t('setup.defaults.territoryHint'),
  });
}

function defaultsBlocks({ setup }: SetupSectionModalArgs): KnownBlock[] {
  const { defaults } = setup;
  const regions = phoneRegionOptions(defaults.phoneRegion);
  const territory = territoryBlock(setup);
  return [
    setupInput(
      blocks.country,
      textElement(defaults.country, setupLimits.defaultCodeMax, t('contact.placeholder.country')),
      {
        label: t('contact.field.country'),
        hint: t('setup.defaults.countryHint'),
      },
    ),
    setupInput(blocks.defaultLanguage, textElement(defaults.language, setupLimits.defaultCodeMax, 'NB'), {
      label: t('contact.field.language'),
      hint: t('setup.defaults.languageHint'),
    }),
    setupInput(blocks.salesperson, usersElement(defaults.salespersonId, t('contact.placeholder.salesperson')), {
      label: t('contact.field.salespersonId'),
      hint: t('setup.defaults.salespersonHint'),
    }),
    ...(territory ? [territory] : []),
    setupInput(
      blocks.phoneRegion,
      selectElement(
        regions,
        regions.filter((o) => o.value === defaults.phoneRegion),
        t('contact.placeholder.choose'),
      ),
      {
        label: t('setup.defaults.phoneRegion'),
        hint: t('setup.defaults.phoneRegionHint'),
        required: true,
      },
    ),
  ];
}

const rowOptions: PlainTextOption[] = duplicateFields.flatMap((field) =>
  duplicateParts.map((part) => option(duplicateRowLabel({ field, part }), duplicateRowValue({ field, part }))),
);

function duplicateRows(args: SetupSectionModalArgs): DuplicateSearchRow[] {
  const rows = (args.duplicateRows ?? args.setup.duplicates.rows).slice(0, setupLimits.rows.max);
  return rows.length > 0 ? rows : [defaultDuplicateRow];
}

function duplicatesBlocks(args: SetupSectionModalArgs): KnownBlock[] {
  const { duplicates } = args.setup;
  const rows = duplicateRows(args);
  const rowBlocks = rows.flatMap((row, i): InputBlock[] => {
    const blockIds = duplicateRowBlockIds(i + 1);
    const selected = rowOptions.filter((o) => o.value === duplicateRowValue(row));
    return [
      setupInput(blockIds.field, selectElement(rowOptions, selected, t('contact.placeholder.choose')), {
        label: t('setup.duplicates.row', { n: i + 1 }),
        required: true,
      }),
      setupInput(blockIds.length, numberElement(row.length, setupLimits.rowLength.min, setupLimits.rowLength.max), {
        label: t('setup.duplicates.rowLength', { n: i + 1 }),
        required: true,
      }),
    ];
  });
  const buttons: ActionsBlock['elements'] = [];
  if (rows.length < setupLimits.rows.max) {
    buttons.push({
      type: 'button',
      action_id: ids.actions.setupAddDuplicateRow,
      text: plain(t('setup.duplicates.addRow'), SLACK.buttonText),
      value: String(rows.length),
    });
  }
  if (rows.length > setupLimits.rows.min) {
    buttons.push({
      type: 'button',
      action_id: ids.actions.setupRemoveDuplicateRow,
      text: plain(t('setup.duplicates.removeRow'), SLACK.buttonText),
      value: String(rows.length),
    });
  }
  const intro: ContextBlock = {
    type: 'context',
    elements: [mrkdwn(t('setup.duplicates.rowsIntro', { max: setupLimits.rows.max }))],
  };
  return [
    setupInput(
      blocks.autosearch,
      checkboxElement(t('setup.duplicates.autosearchOption'), checkboxOn, duplicates.autosearch),
      {
        label: t('setup.duplicates.autosearch'),
      },
    ),
    setupInput(
      blocks.hitPercent,
      numberElement(duplicates.hitPercent, setupLimits.hitPercent.min, setupLimits.hitPercent.max),
      {
        label: t('setup.duplicates.hitPercent'),
        hint: t('setup.duplicates.hitPercentHint'),
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
      label: i === 0 ? text.label : t('setup.list.continued', { label: text.label, part: i + 1 }),
      hint: i === 0 ? (boxes.length > 1 ? `${text.hint} ${t('setup.list.moreBoxes')}` : text.hint) : undefined,
      required: i === 0 && text.required,
    }),
  );
}

function codeListBlocks(list: CodeListName, setup: WorkspaceSetup): KnownBlock[] {
  const entries = setup.codes[list];
  return lineBoxes(blocks.codes, entries.map(formatCodeLine), {
    label: sectionTitle(list),
    hint: t('setup.codes.hint', {
      codeMax: setupLimits.codeMax,
      descriptionMax: setupLimits.descriptionMax,
      max: setupLimits.entriesMax,
    }),
    placeholder: t('setup.codes.placeholder'),
  });
}

function interactionTypeBlocks({ setup }: SetupSectionModalArgs): KnownBlock[] {
  return lineBoxes(blocks.interactionTypes, setup.interactionTypes.map(formatInteractionLine), {
    label: sectionTitle('interactionTypes'),
    hint: t('setup.interactionTypes.hint', { minutesMax: setupLimits.minutesMax }),
    placeholder: t('setup.interactionTypes.placeholder'),
    required: true,
  });
}

function rolesBlocks({ setup }: SetupSectionModalArgs): KnownBlock[] {
  return [
    setupInput(blocks.admins, multiUsersElement(setup.roles.admins, t('contact.placeholder.chooseMany')), {
      label: t('setup.roles.admins'),
      hint: t('setup.roles.adminsHint'),
    }),
    setupInput(blocks.managers, multiUsersElement(setup.roles.managers, t('contact.placeholder.chooseMany')), {
      label: t('setup.roles.managers'),
      hint: t('setup.roles.managersHint'),
    }),
  ];
}

function digestBlocks({ setup, adminTimeZone }: SetupSectionModalArgs): KnownBlock[] {
  const { digest } = setup;
  const days = weekdays.map((day) => option(weekdayName(day), String(day)));
  return [
    setupInput(blocks.digestEnabled, checkboxElement(t('setup.digest.enabledOption'), checkboxOn, digest.enabled), {
      label: t('setup.digest.enabled'),
    }),
    setupInput(
      blocks.digestWeekday,
      selectElement(
        days,
        days.filter((o) => o.value === String(digest.weekday)),
        t('contact.placeholder.choose'),
      ),
      {
        label: t('setup.digest.weekday'),
        required: true,
      },
    ),
    setupInput(blocks.digestTime, timeElement(digest.time), { label: t('setup.digest.time'), required: true }),
    setupInput(
      blocks.digestTimeZone,
      textElement(digest.timeZone ?? adminTimeZone, setupLimits.timeZoneMax, 'Europe/Oslo'),
      {
        label: t('setup.digest.timeZone'),
        hint: t('setup.digest.timeZoneHint'),
        required: true,
      },
    ),
  ];
}

function languageBlocks({ setup }: SetupSectionModalArgs): KnownBlock[] {
  const options = (['en', 'nb'] as const).map((language) => option(languageName(language), language));
  return [
    setupInput(blocks.language, radioElement(options, setup.language), {
      label: t('setup.language.label'),
      hint: t('setup.language.hint'),
      required: true,
    }),
  ];
}

function sectionBlocks(args: SetupSectionModalArgs): KnownBlock[] {
  const { section } = args;
  if (isCodeListSection(section)) return codeListBlocks(section, args.setup);
  switch (section) {
    case 'numbering':
      return numberingBlocks(args);
    case 'inheritance':
      return inheritanceBlocks(args);
    case 'defaults':
      return defaultsBlocks(args);
    case 'duplicates':
      return duplicatesBlocks(args);
    case 'interactionTypes':
      return interactionTypeBlocks(args);
    case 'roles':
      return rolesBlocks(args);
    case 'digest':
      return digestBlocks(args);
    case 'language':
      return languageBlocks(args);
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
export function setupSectionModal(args: SetupSectionModalArgs): ModalView {
  assertMetadataFits(args.privateMetadata);
  return {
    type: 'modal',
    callback_id: ids.views.setupSection,
    title: plain(sectionTitle(args.section), SLACK.modalTitle),
    submit: plain(t('setup.modal.save'), SLACK.modalTitle),
    close: plain(t('setup.modal.back'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks: sectionBlocks(args),
  };
}
