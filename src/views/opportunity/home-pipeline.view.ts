import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import type { OpportunitySummary } from '../../services/opportunities/opportunity.types';
import type { Pipeline } from '../../services/opportunities/pipeline.service';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate } from '../contact/text';
import { stageName } from './opportunity-card.view';
import { pipelineBlocks } from './pipeline.message';

/** Salespeople listed in the team's pipeline on Home; the rest are one `/contact pipeline team` away. */
const HOME_SALESPEOPLE = 10;

/**
 * Home's "My pipeline": the next five deals by closing date, each with an Open button, and the totals; for
 * managers, the team's pipeline by stage and salesperson. At most about 20 blocks, whatever the number of deals.
 */
export function homePipelineBlocks(
  tr: Translator,
  data: { next: OpportunitySummary[]; mine: Pipeline; team?: Pipeline },
): KnownBlock[] {
  const { mine } = data;
  const money = (value: number) => tr.amount(value, mine.currency);
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(tr.t('home.pipeline.title'), SLACK.headerText) }];
  if (data.next.length === 0 && mine.total.count === 0)
    blocks.push({ type: 'section', text: mrkdwn(tr.t('home.pipeline.none')) });
  for (const o of data.next.slice(0, 5)) {
    const cycle = mine.setup.cycles.find((c) => c.code === o.cycleCode);
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `*${escapeMrkdwn(truncate(o.description, 80))}* (${o.no}) · ${escapeMrkdwn(truncate(o.contactName, 60))}\n${
          o.closingDate ? tr.date(o.closingDate) : ''
        } · ${escapeMrkdwn(stageName(cycle, o.stageNo, tr))} · ${tr.amount(o.estimatedValue, o.currency)}`,
      ),
      accessory: {
        type: 'button',
        text: plain(tr.t('opp.contact.open'), SLACK.buttonText),
        action_id: ids.opportunity.actions.view,
        value: o.id,
      },
    });
  }
  if (mine.total.count > 0)
    blocks.push({
      type: 'context',
      elements: [
        mrkdwn(
          `${tr.t('home.pipeline.total', { count: mine.total.count, estimated: money(mine.total.estimated), calculated: money(mine.total.calculated) })}\n${tr.t(
            'pipeline.quarter',
            {
              won: mine.won.count,
              wonValue: money(mine.won.value),
              lost: mine.lost.count,
              lostValue: money(mine.lost.value),
            },
          )}`,
        ),
      ],
    });
  if (data.team)
    blocks.push(
      { type: 'divider' },
      ...pipelineBlocks(
        { pipeline: data.team, title: tr.t('pipeline.title.team'), bySalesperson: true },
        tr,
        HOME_SALESPEOPLE,
      ),
    );
  return blocks;
}
