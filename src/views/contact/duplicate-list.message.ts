import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { duplicatePageValue, duplicateSeparateValue } from '../../schemas/button-values';
import type {
  DuplicateListPair,
  DuplicatePage,
  DuplicateReason,
  DuplicateSide,
} from '../../services/contacts/duplicate-candidates.service';
import type { ContactMessage } from './contact-card.view';
import { mention } from '../setup/setup-mentions';
import { mrkdwn, plain, SLACK, truncate, userText } from './text';

export interface DuplicateListArgs {
  tr: Translator;
  list: DuplicatePage;
  /** What setup compares companies by: its search-string rows and how many must be equal. */
  rules: { rows: number; needed: number };
  /** A line on top saying what the last click did (mrkdwn). */
  notice?: string;
  /** This answer just started the first scan of the workspace. */
  scanStarted?: boolean;
}

const context = (text: string): KnownBlock => ({ type: 'context', elements: [mrkdwn(text)] });

function button(text: string, actionId: string, value: string): Button {
  return { type: 'button', text: plain(text, SLACK.buttonText), action_id: actionId, value };
}

function reasonText(tr: Translator, pair: DuplicateListPair, reason: DuplicateReason): string {
  if (reason === 'rules') return tr.t('duplicates.reason.rules', { hits: pair.hits ?? 0, rows: pair.rows ?? 0 });
  return tr.t(`duplicates.reason.${reason}`);
}

/** One contact of a pair as a column: No. and name, company, address, phone and e-mail, salesperson. */
function sideText(tr: Translator, side: DuplicateSide): string {
  const emoji = side.type === 'company' ? ':office:' : ':bust_in_silhouette:';
  const lines = [`${emoji} *${userText(side.name, 80)}*`, userText(side.no, 30)];
  if (side.type === 'person' && side.companyName) lines.push(userText(side.companyName, 80));
  const street = [side.address, side.address2].filter(Boolean).join(', ');
  if (street) lines.push(userText(street, 100));
  const place = [side.postCode, side.city].filter(Boolean).join(' ');
  if (place) lines.push(userText(place, 60));
  const reach = [side.phone, side.mobile, side.email].filter((v): v is string => Boolean(v));
  if (reach.length > 0) lines.push(reach.map((v) => userText(v, 80)).join(' · '));
  lines.push(
    side.salespersonId
      ? tr.t('duplicates.side.salesperson', { salesperson: mention(side.salespersonId) })
      : `_${tr.t('duplicates.side.noSalesperson')}_`,
  );
  return lines.join('\n');
}

function pairBlocks(tr: Translator, pair: DuplicateListPair, page: number): KnownBlock[] {
  const kind = tr.t(pair.kind === 'company' ? 'duplicates.pair.company' : 'duplicates.pair.person');
  const reasons = pair.reasons.map((reason) => reasonText(tr, pair, reason)).join(', ');
  return [
    { type: 'divider' },
    {
      type: 'section',
      text: mrkdwn(tr.t('duplicates.pair.heading', { score: pair.score, kind, reasons })),
      fields: [mrkdwn(sideText(tr, pair.a), 2000), mrkdwn(sideText(tr, pair.b), 2000)],
    },
    {
      type: 'actions',
      elements: [
        button(
          tr.t('duplicates.button.open', { no: truncate(pair.a.no, 30) }),
          ids.actions.duplicateListOpenFirst,
          pair.a.id,
        ),
        button(
          tr.t('duplicates.button.open', { no: truncate(pair.b.no, 30) }),
          ids.actions.duplicateListOpenSecond,
          pair.b.id,
        ),
        button(
          tr.t('duplicates.button.merge'),
          ids.merge.actions.fromList,
          duplicateSeparateValue.encode(pair.a.id, pair.b.id, page),
        ),
        button(
          tr.t('duplicates.button.separate'),
          ids.actions.duplicateListSeparate,
          duplicateSeparateValue.encode(pair.a.id, pair.b.id, page),
        ),
      ],
    },
  ];
}

/** `/contact duplicates`: one page of pairs, most alike first, side by side; paging and Check again below. */
export function duplicateListMessage(args: DuplicateListArgs): ContactMessage {
  const { tr, list } = args;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const blocks: KnownBlock[] = [];
  if (args.notice) blocks.push(context(args.notice));
  const title = `*${tr.t('duplicates.list.title')}*`;
  const summary =
    list.total === 0
      ? tr.t('duplicates.list.none')
      : tr.t('duplicates.list.count', { count: list.total, page: list.page + 1, pages });
  blocks.push({ type: 'section', text: mrkdwn(`${title}\n${summary}`) });
  blocks.push(
    context(
      args.rules.rows > 0
        ? tr.t('duplicates.list.checks', { rows: args.rules.rows, needed: args.rules.needed })
        : tr.t('duplicates.list.checksNoRows'),
    ),
  );
  if (args.scanStarted) blocks.push(context(tr.t('duplicates.list.scanStarted')));
  else if (list.scan.status === 'running')
    blocks.push(
      context(tr.t('duplicates.list.scanning', { done: tr.number(list.scan.done), total: tr.number(list.scan.total) })),
    );
  for (const pair of list.pairs) blocks.push(...pairBlocks(tr, pair, list.page));
  const footer: Button[] = [];
  if (list.page > 0)
    footer.push(
      button(tr.t('search.previous'), ids.actions.duplicateListPageBack, duplicatePageValue.encode(list.page - 1)),
    );
  if (list.page < pages - 1)
    footer.push(button(tr.t('search.next'), ids.actions.duplicateListPage, duplicatePageValue.encode(list.page + 1)));
  footer.push(button(tr.t('duplicates.button.rescan'), ids.actions.duplicateListRescan, duplicatePageValue.encode(0)));
  if (list.pairs.length > 0) blocks.push({ type: 'divider' });
  blocks.push({ type: 'actions', elements: footer } satisfies ActionsBlock);
  const text = `${tr.t('duplicates.list.title')}: ${summary}`;
  return { text, blocks };
}
