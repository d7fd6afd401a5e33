import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { mrkdwn, SLACK } from '../contact/text';
import { cappedLines, mention } from '../visit/visit-format';

export interface DigestTaskRow {
  userId: string;
  /** Tasks done in the digest's week. */
  done: number;
  /** Open tasks past their due date when the digest was written. */
  overdue: number;
}

/** The digest's "Tasks": per salesperson, done this week and overdue now (most overdue first). */
export function taskDigestBlocks(tr: Translator, rows: DigestTaskRow[]): KnownBlock[] {
  const shown = rows.filter((row) => row.done > 0 || row.overdue > 0);
  const body =
    shown.length === 0
      ? tr.t('digest.tasks.none')
      : cappedLines(
          tr,
          [...shown]
            .sort((a, b) => b.overdue - a.overdue || b.done - a.done || a.userId.localeCompare(b.userId))
            .map((row) =>
              tr.t(row.overdue > 0 ? 'digest.tasks.lineOverdue' : 'digest.tasks.line', {
                user: mention(row.userId),
                done: row.done,
                overdue: row.overdue,
              }),
            ),
          40,
          SLACK.sectionText - 100,
        );
  return [{ type: 'section', text: mrkdwn(`*${tr.t('digest.tasks.title')}*\n${body}`) }];
}
