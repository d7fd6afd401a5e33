import { asLocale, type MessageKey, type Translator } from '../../i18n';
import { inheritanceSwitches } from '../../schemas/setup/setup-form';
import type { CodeListName, SetupAuditEntry, SetupSection } from '../../services/setup/setup.types';
import { escapeMrkdwn, userText } from '../contact/text';
import { languageName, sectionTitle, weekdayName } from './setup-labels';
import { mention } from './setup-mentions';
import { opportunitySetupSentences } from './opportunity-setup-audit';

type Change = SetupAuditEntry['changes'][number];

const VALUE_MAX = 80;
/** How the audit stores nothing: '' (per-item changes) or '—' (leaf changes). */
const isNone = (value: string) => value === '' || value === '—';
const shown = (value: string): string => (isNone(value) ? '—' : userText(value.replace(/\s+/g, ' '), VALUE_MAX));

/** Things a sentence can be about ("the weekly digest", "the default country"…), by the change's field. */
const whatKeys: Record<string, MessageKey> = {
  'digest.enabled': 'setup.audit.what.digest',
  'digest.time': 'setup.audit.what.digestTime',
  'digest.timeZone': 'setup.audit.what.digestTimeZone',
  sharingEnabled: 'setup.audit.what.sharing',
  importForEveryone: 'setup.audit.what.imports',
  visitRetentionYears: 'setup.audit.what.retention',
  registerCheck: 'setup.audit.what.registerCheck',
  'numbering.prefix': 'setup.audit.what.prefix',
  'numbering.digits': 'setup.audit.what.digits',
  'numbering.nextNo': 'setup.audit.what.nextNo',
  'numbering.allowManual': 'setup.audit.what.allowManual',
  'defaults.country': 'setup.audit.what.defaultCountry',
  'defaults.language': 'setup.audit.what.defaultLanguage',
  'defaults.salespersonId': 'setup.audit.what.defaultSalesperson',
  'defaults.territory': 'setup.audit.what.defaultTerritory',
  'defaults.phoneRegion': 'setup.audit.what.defaultPhoneRegion',
  'duplicates.autosearch': 'setup.audit.what.autosearch',
  'duplicates.hitPercent': 'setup.audit.what.hitPercent',
  'duplicates.rows': 'setup.audit.what.duplicateRows',
};

/**
 * The people of a role change: one id (entries since the log is in words), or, in older entries, the whole list as
 * JSON, read back when it is whole (not cut at 200 characters).
 */
function idList(value: string): string[] | undefined {
  if (isNone(value)) return [];
  if (!value.startsWith('[')) return [value];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every((id) => typeof id === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function entryOf(value: string): Record<string, unknown> | undefined {
  if (isNone(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

function roleSentences(tr: Translator, user: string, change: Change, role: 'manager' | 'admin'): string[] | undefined {
  const added = role === 'manager' ? 'setup.audit.s.managerAdded' : 'setup.audit.s.adminAdded';
  const removed = role === 'manager' ? 'setup.audit.s.managerRemoved' : 'setup.audit.s.adminRemoved';
  const from = idList(change.from);
  const to = idList(change.to);
  if (!from || !to) return undefined;
  // One person per change (new entries: '' → id, id → ''); old entries: the lists before and after.
  const before = new Set(from);
  const after = new Set(to);
  return [
    ...to.filter((id) => !before.has(id)).map((id) => tr.t(added, { user, who: mention(id) })),
    ...from.filter((id) => !after.has(id)).map((id) => tr.t(removed, { user, who: mention(id) })),
  ];
}

function typeSummary(tr: Translator, type: Record<string, unknown>): string {
  const flow = type.flow === 'inbound' || type.flow === 'outbound' ? tr.t(`setup.type.flow.${type.flow}`) : '';
  const who =
    type.initiatedBy === 'us' || type.initiatedBy === 'them' ? tr.t(`setup.type.initiatedBy.${type.initiatedBy}`) : '';
  return tr.t('setup.types.row', {
    minutes: typeof type.durationMin === 'number' ? tr.number(type.durationMin) : text(type.durationMin),
    cost: typeof type.cost === 'number' ? tr.number(type.cost) : text(type.cost),
    flow,
    initiatedBy: who,
  });
}

function entrySentence(tr: Translator, user: string, change: Change, list?: CodeListName): string | undefined {
  const before = entryOf(change.from);
  const after = entryOf(change.to);
  const entry = after ?? before;
  if (!entry || (!isNone(change.from) && !before) || (!isNone(change.to) && !after)) return undefined;
  const code = escapeMrkdwn(userText(text(entry.code), 10));
  const description = shown(text(entry.description));
  if (list) {
    const vars = { user, code, description, list: escapeMrkdwn(sectionTitle(tr, list)) };
    if (!before) return tr.t('setup.audit.s.codeAdded', vars);
    if (!after) return tr.t('setup.audit.s.codeRemoved', vars);
    return tr.t('setup.audit.s.codeChanged', vars);
  }
  if (!before) return tr.t('setup.audit.s.typeAdded', { user, code, description, summary: typeSummary(tr, entry) });
  if (!after) return tr.t('setup.audit.s.typeRemoved', { user, code, description });
  return tr.t('setup.audit.s.typeChanged', {
    user,
    code,
    from: `${shown(text(before.description))}, ${typeSummary(tr, before)}`,
    to: `${description}, ${typeSummary(tr, after)}`,
  });
}

function onOff(tr: Translator, user: string, change: Change, what: string): string | undefined {
  if (change.to === 'true') return tr.t('setup.audit.s.turnedOn', { user, what });
  if (change.to === 'false') return tr.t('setup.audit.s.turnedOff', { user, what });
  return undefined;
}

/** A value as the sentence shows it: a person as a mention, a weekday or language by name, the rest as text. */
function valueOf(tr: Translator, field: string, value: string): string {
  if (isNone(value)) return '—';
  if (field === 'defaults.salespersonId') return mention(value);
  if (field === 'digest.weekday') return weekdayName(tr, Number(value));
  const language = field === 'language' ? asLocale(value) : undefined;
  if (language) return languageName(tr, language);
  return shown(value);
}

function sentencesOf(tr: Translator, user: string, change: Change): string[] {
  const { field } = change;
  if (field.startsWith('opp.')) return opportunitySetupSentences(tr, user, change);
  if (field === 'roles.managers') return roleSentences(tr, user, change, 'manager') ?? [];
  if (field === 'roles.admins') return roleSentences(tr, user, change, 'admin') ?? [];
  if (field === 'interactionTypes') return [entrySentence(tr, user, change)].filter((s) => s !== undefined);
  if (field.startsWith('codes.'))
    return [entrySentence(tr, user, change, field.slice('codes.'.length) as CodeListName)].filter(
      (s) => s !== undefined,
    );
  if (field.startsWith('inheritance.')) {
    const name = field.slice('inheritance.'.length);
    const known = inheritanceSwitches.find((s) => s === name);
    if (known) {
      const what = tr.t(`setup.inheritance.short.${known}`);
      return [tr.t(change.to === 'true' ? 'setup.audit.s.inheritOn' : 'setup.audit.s.inheritOff', { user, what })];
    }
  }
  if (field === 'digest.weekday')
    return [tr.t('setup.audit.s.digestDay', { user, day: valueOf(tr, field, change.to) })];
  if (field === 'language') return [tr.t('setup.audit.s.language', { user, language: valueOf(tr, field, change.to) })];
  const whatKey = whatKeys[field];
  if (whatKey) {
    const what = tr.t(whatKey);
    const switched = onOff(tr, user, change, what);
    if (
      switched &&
      (field.endsWith('enabled') ||
        field.endsWith('Enabled') ||
        field === 'importForEveryone' ||
        field === 'registerCheck' ||
        field.endsWith('autosearch') ||
        field.endsWith('allowManual'))
    )
      return [switched];
    if (field === 'duplicates.rows') return [tr.t('setup.audit.s.changedOnly', { user, what })];
    if (isNone(change.to)) return [tr.t('setup.audit.s.cleared', { user, what })];
    if (isNone(change.from)) return [tr.t('setup.audit.s.set', { user, what, to: valueOf(tr, field, change.to) })];
    return [
      tr.t('setup.audit.s.changed', {
        user,
        what,
        from: valueOf(tr, field, change.from),
        to: valueOf(tr, field, change.to),
      }),
    ];
  }
  return [];
}

/**
 * A change of setup as sentences a person reads: "<@Ada> made <@Mette> a manager.", "<@Ada> turned the weekly
 * digest off." A change without a sentence of its own (a field Kontakt no longer has) is told plainly.
 */
export function auditSentences(tr: Translator, userId: string, change: Change, section: SetupSection): string[] {
  const user = mention(userId);
  const sentences = sentencesOf(tr, user, change);
  if (sentences.length > 0) return sentences;
  return [
    tr.t('setup.audit.s.other', {
      user,
      section: escapeMrkdwn(sectionTitle(tr, section)),
      from: shown(change.from),
      to: shown(change.to),
    }),
  ];
}
