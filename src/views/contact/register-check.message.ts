import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import type { RegisterNews } from '../../services/company-register/register-check.service';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate } from './text';

/** Companies named one by one (each with its Open button); the rest are counted. */
const NEWS_SHOWN = 15;
const NAME_MAX = 80;

function newsLine(tr: Translator, news: RegisterNews): string {
  const vars = { name: escapeMrkdwn(truncate(news.name, NAME_MAX)), no: escapeMrkdwn(news.no) };
  if (news.status === 'bankrupt') return tr.t('register.check.bankrupt', vars);
  return news.deletedOn && /^\d{4}-\d{2}-\d{2}$/.test(news.deletedOn)
    ? tr.t('register.check.deleted', { ...vars, date: tr.date(new Date(`${news.deletedOn}T12:00:00Z`)) })
    : tr.t('register.check.deletedNoDate', vars);
}

/**
 * The weekly check's DM to a salesperson: which of their companies Enhetsregisteret now lists as bankrupt or
 * deleted, each with a button that opens its card (reading only: a DM to one person, no data-changing buttons).
 */
export function registerNewsMessage(tr: Translator, news: RegisterNews[]): { text: string; blocks: KnownBlock[] } {
  const intro = tr.t('register.check.intro', { count: news.length });
  const shown = news.slice(0, NEWS_SHOWN);
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(intro) },
    ...shown.map((item): KnownBlock => ({
      type: 'section',
      text: mrkdwn(newsLine(tr, item)),
      accessory: {
        type: 'button',
        text: plain(tr.t('register.check.open', { no: item.no }), SLACK.buttonText),
        action_id: ids.actions.viewContact,
        value: item.contactId,
      },
    })),
  ];
  if (news.length > shown.length)
    blocks.push({
      type: 'context',
      elements: [mrkdwn(tr.t('register.check.more', { count: news.length - shown.length }))],
    });
  blocks.push({ type: 'context', elements: [mrkdwn(tr.t('register.check.footer'))] });
  const text = [intro, ...shown.map((item) => newsLine(tr, item))].join('\n');
  return { text: truncate(text, SLACK.messageText), blocks };
}
