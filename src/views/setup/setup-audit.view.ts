import type { KnownBlock, ModalView } from '@slack/types';
import { t } from '../../i18n';
import { ids } from '../../ids';
import type { SetupAuditEntry } from '../../services/setup/setup.types';
import { setupSections } from '../../services/setup/setup.types';
import { charLength, escapeMrkdwn, isoDate, mrkdwn, plain, SLACK, userText } from '../contact/text';
import { sectionTitle } from './setup-labels';
import { mention } from './setup-mentions';

/** One section block per entry, plus the intro and the "older not shown" note: well under 100 blocks. */
const ENTRIES_SHOWN = 50;
const CHANGES_SHOWN = 12;
const VALUE_MAX = 120;
const FIELD_MAX = 60;
/** Room left in a section's 3000 characters for the "and N more changes" line. */
const TEXT_BUDGET = SLACK.sectionText - 100;

/** Slack's date token with the time: shown in the reader's own zone. */
function slackDateTime(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{date_short} {time}|${isoDate(date)} ${date.toISOString().slice(11, 16)} UTC>`;
}

function sectionName(section: string): string {
  return (setupSections as readonly string[]).includes(section)
    ? sectionTitle(section as SetupAuditEntry['section'])
    : userText(section, 30);
}

const shown = (text: string): string => (text === '' ? '—' : userText(text.replace(/\s+/g, ' '), VALUE_MAX));

function entryBlock(entry: SetupAuditEntry): KnownBlock {
  const when = entry.at instanceof Date && !Number.isNaN(entry.at.getTime()) ? slackDateTime(entry.at) : '—';
  const lines = [
    t('setup.audit.entry', { user: mention(entry.userId), when, section: escapeMrkdwn(sectionName(entry.section)) }),
  ];
  // Escaping can make a value five times longer: lines are added while they fit, the rest are counted.
  let length = charLength(lines[0] ?? '');
  let shownChanges = 0;
  for (const change of entry.changes.slice(0, CHANGES_SHOWN)) {
    const line = t('setup.audit.change', {
      field: userText(change.field, FIELD_MAX),
      from: shown(change.from),
      to: shown(change.to),
    });
    if (length + 1 + charLength(line) > TEXT_BUDGET) break;
    lines.push(line);
    length += 1 + charLength(line);
    shownChanges += 1;
  }
  if (entry.changes.length > shownChanges)
    lines.push(t('setup.audit.moreChanges', { count: entry.changes.length - shownChanges }));
  return { type: 'section', text: mrkdwn(lines.join('\n')) };
}

/** The setup audit log (read-only, pushed over the setup modal): who changed what, most recent first. */
export function setupAuditModal(entries: SetupAuditEntry[]): ModalView {
  const sorted = [...entries].sort((a, b) => (b.at?.getTime?.() ?? 0) - (a.at?.getTime?.() ?? 0));
  const blocks: KnownBlock[] =
    sorted.length === 0
      ? [{ type: 'section', text: mrkdwn(t('setup.audit.empty')) }]
      : [
          { type: 'context', elements: [mrkdwn(t('setup.audit.intro'))] },
          ...sorted.slice(0, ENTRIES_SHOWN).map(entryBlock),
        ];
  if (sorted.length > ENTRIES_SHOWN)
    blocks.push({
      type: 'context',
      elements: [mrkdwn(t('setup.audit.older', { count: sorted.length - ENTRIES_SHOWN }))],
    });
  return {
    type: 'modal',
    callback_id: ids.views.setupAudit,
    title: plain(t('setup.audit.title'), SLACK.modalTitle),
    close: plain(t('setup.modal.back'), SLACK.modalTitle),
    blocks,
  };
}
