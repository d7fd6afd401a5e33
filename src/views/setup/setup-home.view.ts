import type { KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { t } from '../../i18n';
import { ids } from '../../ids';
import { inheritanceSwitches, isCodeListSection } from '../../schemas/setup/setup-form';
import { setupSections, type SetupSection, type WorkspaceSetup } from '../../services/setup/setup.types';
import { escapeMrkdwn, mrkdwn, plain, slackDate, SLACK, userText } from '../contact/text';
import { duplicateRowLabel, formatContactNo, languageName, sectionTitle, weekdayName } from './setup-labels';
import { assertMetadataFits } from './setup-section.view';
import { mention, mentions } from './setup-mentions';

export interface SetupHomeModalArgs {
  setup: WorkspaceSetup;
  /** The number the next new contact gets now. */
  nextNo: number;
  privateMetadata: string;
}

/** How many codes a code list's summary names before "…". */
const CODES_SHOWN = 12;
/** Each shown value is cut so one summary stays a glance, not a page. */
const VALUE_MAX = 40;

const onOff = (on: boolean): string => t(on ? 'setup.home.on' : 'setup.home.off');
const value = (text: string | undefined): string => (text ? userText(text, VALUE_MAX) : t('setup.home.notSet'));

function codesSummary(codes: { code: string }[], count: (n: number) => string, none: string): string {
  if (codes.length === 0) return none;
  const shown = codes.slice(0, CODES_SHOWN).map((entry) => userText(entry.code, 10));
  return `${count(codes.length)}: ${shown.join(', ')}${codes.length > CODES_SHOWN ? ', …' : ''}`;
}

/** The one-line (or few-line) summary of a section's current values, as mrkdwn. */
function sectionSummary(section: SetupSection, setup: WorkspaceSetup, nextNo: number): string {
  if (isCodeListSection(section)) {
    return codesSummary(
      setup.codes[section],
      (count) => t(count === 1 ? 'setup.home.codesOne' : 'setup.home.codesMany', { count }),
      t('setup.home.codesNone'),
    );
  }
  switch (section) {
    case 'numbering': {
      const { numbering } = setup;
      return t('setup.home.numbering', {
        first: escapeMrkdwn(formatContactNo(numbering, 1)),
        next: escapeMrkdwn(formatContactNo(numbering, nextNo)),
        manual: t(numbering.allowManual ? 'setup.home.manualOn' : 'setup.home.manualOff'),
      });
    }
    case 'inheritance': {
      const on = inheritanceSwitches
        .filter((name) => setup.inheritance[name])
        .map((name) => t(`setup.inheritance.short.${name}`));
      return on.length === 0 ? t('setup.home.inheritanceNone') : t('setup.home.inheritance', { fields: on.join(', ') });
    }
    case 'defaults': {
      const { defaults } = setup;
      return t('setup.home.defaults', {
        country: value(defaults.country),
        language: value(defaults.language),
        salesperson: defaults.salespersonId ? mention(defaults.salespersonId) : t('setup.home.notSet'),
        territory: value(defaults.territory),
        phoneRegion: value(defaults.phoneRegion),
      });
    }
    case 'duplicates': {
      const { duplicates } = setup;
      const rows = duplicates.rows.slice(0, 10).map((row) => `${escapeMrkdwn(duplicateRowLabel(row))} (${row.length})`);
      return t('setup.home.duplicates', {
        autosearch: onOff(duplicates.autosearch),
        hit: duplicates.hitPercent,
        count: duplicates.rows.length,
        rows: rows.join(', ') || t('setup.home.notSet'),
      });
    }
    case 'interactionTypes':
      return codesSummary(
        setup.interactionTypes,
        (count) => t(count === 1 ? 'setup.home.typesOne' : 'setup.home.typesMany', { count }),
        t('setup.home.typesNone'),
      );
    case 'roles':
      return t('setup.home.roles', {
        admins: mentions(setup.roles.admins) || t('setup.home.adminsNone'),
        managers: mentions(setup.roles.managers) || t('setup.home.none'),
      });
    case 'digest': {
      const { digest } = setup;
      if (!digest.enabled) return t('setup.home.digestOff');
      return t('setup.home.digestOn', {
        day: weekdayName(digest.weekday),
        time: escapeMrkdwn(digest.time),
        zone: digest.timeZone ? userText(digest.timeZone, VALUE_MAX) : t('setup.home.adminZone'),
      });
    }
    case 'language':
      return setup.language === 'nb'
        ? `${languageName('nb')} · ${t('setup.language.comingSoon')}`
        : languageName(setup.language);
  }
}

function sectionBlock(section: SetupSection, setup: WorkspaceSetup, nextNo: number): SectionBlock {
  return {
    type: 'section',
    text: mrkdwn(`*${escapeMrkdwn(sectionTitle(section))}*\n${sectionSummary(section, setup, nextNo)}`),
    accessory: {
      type: 'button',
      action_id: ids.actions.setupOpenSection,
      text: plain(t('setup.home.edit'), SLACK.buttonText),
      value: section,
    },
  };
}

/**
 * The root setup modal: every section summarised, each with an "Edit" button that pushes its form
 * (ids.actions.setupOpenSection, value = the section), and the audit log. Nothing to submit; close is "Done".
 */
export function setupHomeModal(args: SetupHomeModalArgs): ModalView {
  assertMetadataFits(args.privateMetadata);
  const { setup } = args;
  const lastChange: KnownBlock[] =
    setup.updatedBy && setup.updatedAt
      ? [
          {
            type: 'context',
            elements: [
              mrkdwn(t('setup.home.lastChange', { user: mention(setup.updatedBy), when: slackDate(setup.updatedAt) })),
            ],
          },
        ]
      : [];
  return {
    type: 'modal',
    callback_id: ids.views.setupHome,
    title: plain(t('setup.home.title'), SLACK.modalTitle),
    close: plain(t('setup.home.done'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks: [
      { type: 'context', elements: [mrkdwn(t('setup.home.intro'))] },
      ...setupSections.map((section) => sectionBlock(section, setup, args.nextNo)),
      { type: 'divider' },
      ...lastChange,
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ids.actions.setupOpenAudit,
            text: plain(t('setup.home.audit'), SLACK.buttonText),
            value: 'audit',
          },
        ],
      },
    ],
  };
}
