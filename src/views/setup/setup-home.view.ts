import type { KnownBlock, ModalView, SectionBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { inheritanceSwitches, isCodeListSection } from '../../schemas/setup/setup-form';
import { defaultWorkspaceSetup } from '../../services/setup/setup.defaults';
import {
  advancedSections,
  setupSections,
  type SetupSection,
  type WorkspaceSetup,
} from '../../services/setup/setup.types';
import { escapeMrkdwn, mrkdwn, plain, readerDate, SLACK, userText } from '../contact/text';
import { duplicateRowLabel, formatContactNo, languageName, sectionTitle, weekdayName } from './setup-labels';
import { assertMetadataFits } from './setup-section.view';
import { mention, mentions } from './setup-mentions';
import type { OpportunitySetup } from '../../services/opportunities/opportunity.types';
import { oppSetupSummaryBlocks } from './opportunity-setup.view';

export interface SetupHomeModalArgs {
  setup: WorkspaceSetup;
  /** The number the next new contact gets now. */
  nextNo: number;
  privateMetadata: string;
  /** The sales-opportunity sections' current values (shown before "Advanced"). */
  opportunities?: { setup: OpportunitySetup; nextNo: number };
  /** Sections this installation does not offer (Enhetsregisteret when COMPANY_REGISTER is off). */
  hidden?: readonly SetupSection[];
}

/** How many codes a code list's summary names before "…". */
const CODES_SHOWN = 12;
/** Each shown value is cut so one summary stays a glance, not a page. */
const VALUE_MAX = 40;

function codesSummary(codes: { code: string }[], count: (n: number) => string, none: string): string {
  if (codes.length === 0) return none;
  const shown = codes.slice(0, CODES_SHOWN).map((entry) => userText(entry.code, 10));
  return `${count(codes.length)}: ${shown.join(', ')}${codes.length > CODES_SHOWN ? ', …' : ''}`;
}

/** Who gets the digest: the managers, else the admins listed in setup (as the digest job decides), else nobody. */
function digestSummary(tr: Translator, setup: WorkspaceSetup): string {
  const { digest, roles } = setup;
  if (!digest.enabled) return tr.t('setup.home.digestOff');
  const when = tr.t('setup.home.digestOn', {
    day: weekdayName(tr, digest.weekday),
    time: escapeMrkdwn(digest.time),
    zone: digest.timeZone ? userText(digest.timeZone, VALUE_MAX) : tr.t('setup.home.adminZone'),
  });
  if (roles.managers.length > 0)
    return `${when}\n${tr.t('setup.home.digestTo', { managers: mentions(roles.managers, 10, tr) })}`;
  if (roles.admins.length > 0)
    return `${when}\n${tr.t('setup.home.digestToAdmins', { admins: mentions(roles.admins, 10, tr) })}`;
  return tr.t('setup.home.digestNobody');
}

/** The one-line (or few-line) summary of a section's current values, as mrkdwn. */
function sectionSummary(tr: Translator, section: SetupSection, setup: WorkspaceSetup, nextNo: number): string {
  const value = (text: string | undefined): string => (text ? userText(text, VALUE_MAX) : tr.t('setup.home.notSet'));
  if (isCodeListSection(section)) {
    return codesSummary(
      setup.codes[section],
      (count) => tr.t(count === 1 ? 'setup.home.codesOne' : 'setup.home.codesMany', { count }),
      tr.t('setup.home.codesNone'),
    );
  }
  switch (section) {
    case 'numbering': {
      const { numbering } = setup;
      return tr.t('setup.home.numbering', {
        first: escapeMrkdwn(formatContactNo(numbering, 1)),
        next: escapeMrkdwn(formatContactNo(numbering, nextNo)),
        manual: tr.t(numbering.allowManual ? 'setup.home.manualOn' : 'setup.home.manualOff'),
      });
    }
    case 'inheritance': {
      const on = inheritanceSwitches
        .filter((name) => setup.inheritance[name])
        .map((name) => tr.t(`setup.inheritance.short.${name}`));
      return on.length === 0
        ? tr.t('setup.home.inheritanceNone')
        : tr.t('setup.home.inheritance', { fields: on.join(', ') });
    }
    case 'defaults': {
      const { defaults } = setup;
      return tr.t('setup.home.defaults', {
        country: value(defaults.country),
        language: value(defaults.language),
        salesperson: defaults.salespersonId ? mention(defaults.salespersonId) : tr.t('setup.home.notSet'),
        territory: value(defaults.territory),
        phoneRegion: value(defaults.phoneRegion),
      });
    }
    case 'duplicates': {
      const { duplicates } = setup;
      const rows = duplicates.rows
        .slice(0, 10)
        .map((row) => `${escapeMrkdwn(duplicateRowLabel(tr, row))} (${row.length})`);
      return tr.t('setup.home.duplicates', {
        autosearch: tr.t(duplicates.autosearch ? 'setup.home.on' : 'setup.home.off'),
        hit: duplicates.hitPercent,
        count: duplicates.rows.length,
        rows: rows.join(', ') || tr.t('setup.home.notSet'),
      });
    }
    case 'interactionTypes':
      return codesSummary(
        setup.interactionTypes,
        (count) => tr.t(count === 1 ? 'setup.home.typesOne' : 'setup.home.typesMany', { count }),
        tr.t('setup.home.typesNone'),
      );
    case 'roles':
      return tr.t('setup.home.roles', {
        admins: mentions(setup.roles.admins, 10, tr) || tr.t('setup.home.adminsNone'),
        managers: mentions(setup.roles.managers, 10, tr) || tr.t('setup.home.none'),
      });
    case 'digest':
      return digestSummary(tr, setup);
    case 'language':
      return languageName(tr, setup.language);
    case 'sharing':
      return tr.t(setup.sharingEnabled ? 'setup.home.sharingOn' : 'setup.home.sharingOff');
    case 'imports':
      return tr.t(setup.importForEveryone ? 'setup.home.importsOn' : 'setup.home.importsOff');
    case 'retention':
      return setup.visitRetentionYears
        ? tr.t('setup.home.retentionOn', { years: setup.visitRetentionYears })
        : tr.t('setup.home.retentionOff');
    case 'register':
      return tr.t(setup.registerCheck ? 'setup.home.registerCheckOn' : 'setup.home.registerCheckOff');
  }
}

function editButton(tr: Translator, section: SetupSection, text: string = tr.t('setup.home.edit')) {
  return {
    type: 'button' as const,
    action_id: ids.actions.setupOpenSection,
    text: plain(text, SLACK.buttonText),
    value: section,
  };
}

function sectionBlock(tr: Translator, section: SetupSection, setup: WorkspaceSetup, nextNo: number): SectionBlock {
  return {
    type: 'section',
    text: mrkdwn(`*${escapeMrkdwn(sectionTitle(tr, section))}*\n${sectionSummary(tr, section, setup, nextNo)}`),
    accessory: editButton(tr, section),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The day-one decisions, each done or not. A list or digest an admin saved, or changed from the defaults, is decided. */
export function checklistOf(setup: WorkspaceSetup): { section: SetupSection; done: boolean }[] {
  const decided = (section: SetupSection, changed: boolean) => setup.decided.includes(section) || changed;
  return [
    { section: 'roles', done: setup.roles.managers.length > 0 },
    {
      section: 'interactionTypes',
      done: decided('interactionTypes', !same(setup.interactionTypes, defaultWorkspaceSetup.interactionTypes)),
    },
    { section: 'digest', done: decided('digest', !same(setup.digest, defaultWorkspaceSetup.digest)) },
  ];
}

/** The first-run checklist: what a new team decides first, each item ticked when done, with the button to do it. */
function checklistBlocks(tr: Translator, setup: WorkspaceSetup): KnownBlock[] {
  const items = checklistOf(setup);
  if (items.every((item) => item.done)) return [];
  const text = (section: SetupSection, done: boolean): string => {
    switch (section) {
      case 'roles':
        return done
          ? tr.t('setup.checklist.managersDone', { managers: mentions(setup.roles.managers, 5, tr) })
          : tr.t('setup.checklist.managers');
      case 'interactionTypes':
        return tr.t(done ? 'setup.checklist.typesDone' : 'setup.checklist.types', {
          types: codesSummary(
            setup.interactionTypes,
            (count) => tr.t(count === 1 ? 'setup.home.typesOne' : 'setup.home.typesMany', { count }),
            '—',
          ),
        });
      default:
        return done
          ? tr.t(setup.digest.enabled ? 'setup.checklist.digestOn' : 'setup.checklist.digestOff')
          : tr.t('setup.checklist.digest');
    }
  };
  const buttonText: Partial<Record<SetupSection, string>> = {
    roles: tr.t('setup.checklist.managersButton'),
    interactionTypes: tr.t('setup.checklist.typesButton'),
    digest: tr.t('setup.checklist.digestButton'),
  };
  const done = items.filter((item) => item.done).length;
  return [
    { type: 'header', text: plain(tr.t('setup.checklist.title'), SLACK.headerText) },
    {
      type: 'context',
      elements: [mrkdwn(tr.t('setup.checklist.progress', { done, count: items.length }))],
    },
    ...items.map((item): SectionBlock => ({
      type: 'section',
      text: mrkdwn(`${item.done ? '✅' : '⬜'} ${text(item.section, item.done)}`),
      accessory: editButton(tr, item.section, item.done ? tr.t('setup.home.edit') : buttonText[item.section]),
    })),
    { type: 'divider' },
  ];
}

/**
 * The root setup modal: the day-one checklist until it is done, then every section summarised in the order a new
 * team decides them, each with an "Edit" button that pushes its form (ids.actions.setupOpenSection, value = the
 * section); number series and duplicate search under "Advanced"; and the audit log. Nothing to submit.
 */
export function setupHomeModal(tr: Translator, args: SetupHomeModalArgs): ModalView {
  assertMetadataFits(args.privateMetadata);
  const { setup } = args;
  const lastChange: KnownBlock[] =
    setup.updatedBy && setup.updatedAt
      ? [
          {
            type: 'context',
            elements: [
              mrkdwn(
                tr.t('setup.home.lastChange', {
                  user: mention(setup.updatedBy),
                  when: readerDate(tr, setup.updatedAt),
                }),
              ),
            ],
          },
        ]
      : [];
  const everyday = setupSections.filter(
    (section) => !advancedSections.includes(section) && !(args.hidden ?? []).includes(section),
  );
  return {
    type: 'modal',
    callback_id: ids.views.setupHome,
    title: plain(tr.t('setup.home.title'), SLACK.modalTitle),
    close: plain(tr.t('setup.home.done'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks: [
      ...checklistBlocks(tr, setup),
      { type: 'context', elements: [mrkdwn(tr.t('setup.home.intro'))] },
      ...everyday.map((section) => sectionBlock(tr, section, setup, args.nextNo)),
      ...(args.opportunities ? oppSetupSummaryBlocks(tr, args.opportunities.setup, args.opportunities.nextNo) : []),
      { type: 'divider' },
      { type: 'header', text: plain(tr.t('setup.home.advanced'), SLACK.headerText) },
      { type: 'context', elements: [mrkdwn(tr.t('setup.home.advancedIntro'))] },
      ...advancedSections.map((section) => sectionBlock(tr, section, setup, args.nextNo)),
      { type: 'divider' },
      ...lastChange,
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ids.actions.setupOpenAudit,
            text: plain(tr.t('setup.home.audit'), SLACK.buttonText),
            value: 'audit',
          },
        ],
      },
    ],
  };
}
