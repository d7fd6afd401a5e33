import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import type { DealSum, WeekDeals } from '../../services/opportunities/pipeline.service';
import { mrkdwn } from '../contact/text';

/**
 * The digest's week of the pipeline: deals opened, moved to another stage, won and lost, each with its value; no
 * block at all for a team that had none (a team that does not use opportunities sees nothing new).
 */
export function dealsDigestBlocks(tr: Translator, deals: WeekDeals | undefined): KnownBlock[] {
  if (!deals) return [];
  const rows: [DealSum, 'created' | 'moved' | 'won' | 'lost'][] = [
    [deals.created, 'created'],
    [deals.moved, 'moved'],
    [deals.won, 'won'],
    [deals.lost, 'lost'],
  ];
  if (rows.every(([sum]) => sum.count === 0)) return [];
  const lines = rows
    .filter(([sum]) => sum.count > 0)
    .map(([sum, kind]) =>
      tr.t(`digest.deals.${kind}`, { count: sum.count, value: tr.amount(sum.value, deals.currency) }),
    );
  return [{ type: 'section', text: mrkdwn(`*${tr.t('digest.deals.title')}*\n${lines.join('\n')}`) }];
}
