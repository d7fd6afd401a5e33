import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import type { Opportunity, SalesCycle } from '../../services/opportunities/opportunity.types';
import { escapeMrkdwn, mrkdwn, truncate } from '../contact/text';
import { stageName } from './opportunity-card.view';

export type DealEvent = 'created' | 'won' | 'lost' | 'moved';

const EMOJI: Record<DealEvent, string> = {
  created: ':seedling:',
  won: ':trophy:',
  lost: ':small_red_triangle_down:',
  moved: ':arrow_forward:',
};

/**
 * A deal's news for a channel: one line with the deal, the contact, the value and who. Nothing private (no notes,
 * close codes or chances) and no buttons — the channel's readers open the deal in Kontakt if they may.
 */
export function dealNewsMessage(
  data: { opportunity: Opportunity; event: DealEvent; by: string; cycle?: SalesCycle },
  tr: Translator,
): { text: string; blocks: KnownBlock[] } {
  const o = data.opportunity;
  const value = tr.amount(data.event === 'won' ? (o.actualValue ?? o.estimatedValue) : o.estimatedValue, o.currency);
  const vars = {
    deal: `${escapeMrkdwn(truncate(o.description, 80))} (${o.no})`,
    contact: escapeMrkdwn(truncate(o.contactName, 80)),
    value,
    user: `<@${data.by}>`,
    stage: escapeMrkdwn(stageName(data.cycle, o.stageNo, tr)),
  };
  const text = `${EMOJI[data.event]} ${tr.t(`opp.news.${data.event}`, vars)}`;
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}
