import type { Translator } from '../i18n';

/** `/contact tasks [@user|team] [overdue]`: whose open tasks, and whether only the overdue ones. */
export type TasksWho = { kind: 'me' } | { kind: 'user'; userId: string } | { kind: 'team' };
export type TasksQuery = { ok: true; who: TasksWho; overdue: boolean } | { ok: false; error: string };

const MENTION = /^<@([UW][A-Z0-9]{1,30})(?:\|[^>]*)?>$/;
const TEAM = new Set(['team', 'teamet', 'alle', 'all']);
const OVERDUE = new Set(['overdue', 'forfalt', 'forfalte', 'late']);
const MINE = new Set(['me', 'mine', 'meg', 'mine']);

/** Reads what follows `tasks`; whether the asker may see others' tasks is the listener's question. */
export function parseTasksQuery(text: string, tr: Translator): TasksQuery {
  let who: TasksWho | undefined;
  let overdue = false;
  for (const word of String(text ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')) {
    const lower = word.toLowerCase();
    const mention = MENTION.exec(word);
    const next: TasksWho | undefined = mention
      ? { kind: 'user', userId: mention[1] as string }
      : TEAM.has(lower)
        ? { kind: 'team' }
        : MINE.has(lower)
          ? { kind: 'me' }
          : undefined;
    if (next) {
      if (who) return { ok: false, error: `${tr.t('tasks.query.twoWho')} ${tr.t('tasks.query.usage')}` };
      who = next;
    } else if (OVERDUE.has(lower)) overdue = true;
    else
      return {
        ok: false,
        error: `${tr.t('tasks.query.unknown', {
          word: [...word]
            .slice(0, 40)
            .join('')
            .replace(/[`<>&]/g, ''),
        })} ${tr.t('tasks.query.usage')}`,
      };
  }
  return { ok: true, who: who ?? { kind: 'me' }, overdue };
}
