import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import type { Pipeline } from '../../services/opportunities/pipeline.service';
import { escapeMrkdwn, mrkdwn, plain, SLACK } from '../contact/text';
import { stageName } from './opportunity-card.view';

export interface PipelineView {
  pipeline: Pipeline;
  /** "Your pipeline", "<@U…>'s pipeline", "The team's pipeline". */
  title: string;
  /** The filters in force, as the user typed them, for the heading's context. */
  filters?: string;
  /** The team view adds a line per salesperson. */
  bySalesperson?: boolean;
}

/** The pipeline grouped by stage with sums, the total, this month's closings and the quarter's won and lost. */
export function pipelineBlocks(data: PipelineView, tr: Translator, maxSalespeople = 20): KnownBlock[] {
  const { pipeline: p } = data;
  const money = (value: number) => tr.amount(value, p.currency);
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(data.title, SLACK.headerText) }];
  if (data.filters) blocks.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(data.filters))] });
  if (p.unknownStage) blocks.push({ type: 'section', text: mrkdwn(tr.t('pipeline.unknownStage')) });
  if (p.stages.length === 0) blocks.push({ type: 'section', text: mrkdwn(tr.t('pipeline.empty')) });
  else {
    const lines = p.stages.map((s) => {
      const cycle = p.setup.cycles.find((c) => c.code === s.cycleCode);
      const name = escapeMrkdwn(stageName(cycle, s.stageNo, tr));
      const prefix = p.setup.cycles.length > 1 ? `${escapeMrkdwn(s.cycleCode)} · ` : '';
      return `*${prefix}${s.stageNo ?? '–'}. ${name}* — ${tr.t('pipeline.line', {
        count: s.count,
        estimated: money(s.estimated),
        calculated: money(s.calculated),
      })}`;
    });
    // One section per 20 stages keeps every text within Slack's 3000 characters.
    for (let i = 0; i < lines.length && i < 200; i += 20)
      blocks.push({ type: 'section', text: mrkdwn(lines.slice(i, i + 20).join('\n')) });
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `*${tr.t('pipeline.total')}* — ${tr.t('pipeline.line', {
          count: p.total.count,
          estimated: money(p.total.estimated),
          calculated: money(p.total.calculated),
        })}`,
      ),
    });
  }
  if (data.bySalesperson && p.salespeople.length > 0) {
    const shown = p.salespeople.slice(0, maxSalespeople);
    const lines = shown.map(
      (s) =>
        `<@${s.salespersonId}> — ${tr.t('pipeline.line', { count: s.count, estimated: money(s.estimated), calculated: money(s.calculated) })}`,
    );
    blocks.push({ type: 'section', text: mrkdwn(`*${tr.t('pipeline.bySalesperson')}*\n${lines.join('\n')}`) });
    if (p.salespeople.length > shown.length)
      blocks.push({
        type: 'context',
        elements: [mrkdwn(tr.t('pipeline.moreSalespeople', { count: p.salespeople.length - shown.length }))],
      });
  }
  blocks.push({
    type: 'context',
    elements: [
      mrkdwn(
        [
          tr.t('pipeline.closingThisMonth', {
            count: p.closingThisMonth.count,
            estimated: money(p.closingThisMonth.estimated),
            calculated: money(p.closingThisMonth.calculated),
          }),
          tr.t('pipeline.quarter', {
            won: p.won.count,
            wonValue: money(p.won.value),
            lost: p.lost.count,
            lostValue: money(p.lost.value),
          }),
        ].join('\n'),
      ),
    ],
  });
  return blocks;
}
