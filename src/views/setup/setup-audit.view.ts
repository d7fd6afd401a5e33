import type { KnownBlock, ModalView } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import type { SetupAuditEntry } from '../../services/setup/setup.types';
import { setupSections } from '../../services/setup/setup.types';
import { charLength, escapeMrkdwn, mrkdwn, plain, readerDateTime, SLACK, userText } from '../contact/text';
import { auditSentences } from './setup-audit-sentences';
import { sectionTitle } from './setup-labels';
import { oppSetupSections } from '../../services/opportunities/opportunity-setup.sections';
import { oppSectionTitle } from './opportunity-setup.view';

/** One section block per entry, plus the intro and the "older not shown" note: well under 100 blocks. */
const ENTRIES_SHOWN = 50;
const CHANGES_SHOWN = 12;
/** Room left in a section's 3000 characters for the "and N more changes" line. */
const TEXT_BUDGET = SLACK.sectionText - 100;

const isSection = (section: string): section is SetupAuditEntry['section'] =>
  (setupSections as readonly string[]).includes(section);

function sectionName(tr: Translator, section: string): string {
  const opportunities = oppSetupSections.find((candidate) => candidate === section);
  if (opportunities) return oppSectionTitle(tr, opportunities);
  return isSection(section) ? sectionTitle(tr, section) : userText(section, 30);
}

function entryBlock(tr: Translator, entry: SetupAuditEntry, timeZone?: string): KnownBlock {
  const when =
    entry.at instanceof Date && !Number.isNaN(entry.at.getTime()) ? readerDateTime(tr, entry.at, timeZone) : '—';
  const lines = [tr.t('setup.audit.entry', { when, section: escapeMrkdwn(sectionName(tr, entry.section)) })];
  // Escaping can make a value five times longer: lines are added while they fit, the rest are counted.
  let length = charLength(lines[0] ?? '');
  const sentences = entry.changes.flatMap((change) =>
    auditSentences(tr, entry.userId, change, isSection(entry.section) ? entry.section : 'roles'),
  );
  let shownSentences = 0;
  for (const sentence of sentences.slice(0, CHANGES_SHOWN)) {
    const line = `• ${sentence}`;
    if (length + 1 + charLength(line) > TEXT_BUDGET) break;
    lines.push(line);
    length += 1 + charLength(line);
    shownSentences += 1;
  }
  if (sentences.length > shownSentences)
    lines.push(tr.t('setup.audit.moreChanges', { count: sentences.length - shownSentences }));
  return { type: 'section', text: mrkdwn(lines.join('\n')) };
}

/**
 * The setup audit log (read-only, pushed over the setup modal): who changed what, in words, most recent first.
 * Entries store what changed (fields and values), so they read in the reader's language whenever they were made;
 * times are in `timeZone` (the reader's) where Kontakt writes them itself.
 */
export function setupAuditModal(tr: Translator, entries: SetupAuditEntry[], timeZone?: string): ModalView {
  const sorted = [...entries].sort((a, b) => (b.at?.getTime?.() ?? 0) - (a.at?.getTime?.() ?? 0));
  const blocks: KnownBlock[] =
    sorted.length === 0
      ? [{ type: 'section', text: mrkdwn(tr.t('setup.audit.empty')) }]
      : [
          { type: 'context', elements: [mrkdwn(tr.t('setup.audit.intro'))] },
          ...sorted.slice(0, ENTRIES_SHOWN).map((entry) => entryBlock(tr, entry, timeZone)),
        ];
  if (sorted.length > ENTRIES_SHOWN)
    blocks.push({
      type: 'context',
      elements: [mrkdwn(tr.t('setup.audit.older', { count: sorted.length - ENTRIES_SHOWN }))],
    });
  return {
    type: 'modal',
    callback_id: ids.views.setupAudit,
    title: plain(tr.t('setup.audit.title'), SLACK.modalTitle),
    close: plain(tr.t('setup.modal.back'), SLACK.modalTitle),
    blocks,
  };
}
