import type { MessageKey, Translator } from '../../i18n';
import type { SetupAuditEntry } from '../../services/setup/setup.types';
import { escapeMrkdwn, userText } from '../contact/text';

type Change = SetupAuditEntry['changes'][number];

const isNone = (value: string) => value === '' || value === '—';

interface StoredStage {
  no?: unknown;
  description?: unknown;
  completedPct?: unknown;
  chancesPct?: unknown;
  allowSkip?: unknown;
}
interface StoredEntry {
  code?: unknown;
  description?: unknown;
  calculation?: unknown;
  stages?: StoredStage[];
}

function entryOf(value: string): StoredEntry | undefined {
  if (isNone(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as StoredEntry) : undefined;
  } catch {
    return undefined;
  }
}

const text = (value: unknown, max = 60): string =>
  typeof value === 'string' || typeof value === 'number' ? userText(String(value), max) : '';

const whatKeys: Record<string, MessageKey> = {
  'opp.numbering.prefix': 'oppSetup.audit.what.prefix',
  'opp.numbering.digits': 'oppSetup.audit.what.digits',
  'opp.numbering.nextNo': 'oppSetup.audit.what.nextNo',
  'opp.defaultCycle': 'oppSetup.audit.what.defaultCycle',
  'opp.currency': 'oppSetup.audit.what.currency',
  'opp.news.channelId': 'oppSetup.audit.what.channel',
  'opp.news.won': 'oppSetup.audit.what.newsWon',
  'opp.news.created': 'oppSetup.audit.what.newsCreated',
  'opp.news.lost': 'oppSetup.audit.what.newsLost',
  'opp.news.movedFrom': 'oppSetup.audit.what.newsMoved',
};

function stageText(tr: Translator, stage: StoredStage): string {
  return tr.t('oppSetup.audit.stage', {
    no: text(stage.no),
    description: text(stage.description, 40),
    completed: text(stage.completedPct),
    chances: text(stage.chancesPct),
  });
}

/** What changed inside a cycle, as short phrases: its name, its calculation, each stage added, removed or changed. */
function cycleChanges(tr: Translator, before: StoredEntry, after: StoredEntry): string[] {
  const phrases: string[] = [];
  if (before.description !== after.description)
    phrases.push(tr.t('oppSetup.audit.renamed', { description: text(after.description) }));
  if (before.calculation !== after.calculation && typeof after.calculation === 'string')
    phrases.push(
      tr.t('oppSetup.audit.calculation', {
        calculation: tr.t(`oppSetup.calculation.${after.calculation as 'multiply'}`),
      }),
    );
  const old = new Map((before.stages ?? []).map((stage) => [stage.no, stage]));
  const now = new Map((after.stages ?? []).map((stage) => [stage.no, stage]));
  for (const stage of after.stages ?? []) {
    const was = old.get(stage.no);
    if (!was) phrases.push(tr.t('oppSetup.audit.stageAdded', { stage: stageText(tr, stage) }));
    else if (JSON.stringify(was) !== JSON.stringify(stage))
      phrases.push(tr.t('oppSetup.audit.stageChanged', { stage: stageText(tr, stage) }));
  }
  for (const stage of before.stages ?? [])
    if (!now.has(stage.no)) phrases.push(tr.t('oppSetup.audit.stageRemoved', { no: text(stage.no) }));
  return phrases;
}

function valueOf(field: string, value: string): string {
  if (isNone(value)) return '—';
  if (field === 'opp.news.channelId') return `<#${value.replace(/[^A-Z0-9]/g, '')}>`;
  return escapeMrkdwn(userText(value, 40));
}

/** Sentences for a change of the sales-opportunity setup ("<@Ada> added the sales cycle PROJECT …"). */
export function opportunitySetupSentences(tr: Translator, user: string, change: Change): string[] {
  const { field } = change;
  if (field === 'opp.cycles' || field.startsWith('opp.closeCodes.')) {
    const before = entryOf(change.from);
    const after = entryOf(change.to);
    const entry = after ?? before;
    if (!entry) return [];
    const code = escapeMrkdwn(text(entry.code, 10));
    const description = text(entry.description);
    if (field === 'opp.cycles') {
      if (!before)
        return [tr.t('oppSetup.audit.cycleAdded', { user, code, description, count: after?.stages?.length ?? 0 })];
      if (!after) return [tr.t('oppSetup.audit.cycleRemoved', { user, code, description })];
      return [tr.t('oppSetup.audit.cycleChanged', { user, code, changes: cycleChanges(tr, before, after).join('; ') })];
    }
    const list = tr.t(field.endsWith('won') ? 'oppSetup.close.won' : 'oppSetup.close.lost');
    const vars = { user, code, description, list };
    if (!before) return [tr.t('setup.audit.s.codeAdded', vars)];
    if (!after) return [tr.t('setup.audit.s.codeRemoved', vars)];
    return [tr.t('setup.audit.s.codeChanged', vars)];
  }
  const whatKey = whatKeys[field];
  if (!whatKey) return [];
  const what = tr.t(whatKey);
  if (field === 'opp.news.won' || field === 'opp.news.created' || field === 'opp.news.lost')
    return [tr.t(change.to === 'true' ? 'setup.audit.s.turnedOn' : 'setup.audit.s.turnedOff', { user, what })];
  if (isNone(change.to)) return [tr.t('setup.audit.s.cleared', { user, what })];
  if (isNone(change.from)) return [tr.t('setup.audit.s.set', { user, what, to: valueOf(field, change.to) })];
  return [
    tr.t('setup.audit.s.changed', { user, what, from: valueOf(field, change.from), to: valueOf(field, change.to) }),
  ];
}
