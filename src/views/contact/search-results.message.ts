import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { searchCreateValue, searchPageValue } from '../../schemas/button-values';
import type { MatchTier, RankedContact, SearchOutcome } from '../../services/contacts/contact-search.service';
import type { ContactMessage } from './contact-card.view';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate, userText } from './text';

export interface SearchResultsArgs {
  tr: Translator;
  /** What the user typed (text and filters); echoed, and carried by Previous / Next to repeat the search. */
  query: string;
  /** The understood filters in words, e.g. "type: company, city: Bergen". */
  filtersLabel?: string;
  outcome: SearchOutcome;
  /** 0-based. */
  page: number;
  pageSize: number;
  /** Filter words that were not understood. */
  problems: string[];
  /** `key:value` words whose key is no filter (`colour:red`), left out of the search. */
  unknownFilters?: string[];
  /** When nothing matches: a "Create 'name'" button opening the new-contact modal with that name. */
  create?: { name: string; type: 'company' | 'person' };
}

/** The typed value must equal the service's enum; a type-only import keeps the database layer out of views. */
const SIMILAR: MatchTier.Similar = 4;
/** One section per contact plus at most seven other blocks keeps a page far below Slack's 50 blocks. */
const MAX_PAGE_SIZE = 40;
const MAX_PROBLEMS = 5;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const whole = (value: number, fallback: number) => (Number.isFinite(value) ? Math.floor(value) : fallback);

function headline(args: SearchResultsArgs, found: number, escape: (text: string) => string): string {
  const t = args.tr.t;
  const query = args.query.trim();
  const quoted = escape(truncate(query, 100));
  const { total, ownContacts } = args.outcome;
  if (found === 0) {
    if (ownContacts && query === '') return t('search.noneOwn');
    const none = query === '' ? t('search.noneFiltersOnly') : t('search.none', { query: quoted });
    return `${none}\n${t('search.tips')}`;
  }
  if (ownContacts) return t('search.header.own', { count: total });
  if (query === '') return t('search.header.filtersOnly', { count: total });
  if (args.outcome.totalCapped) return t('search.header.manyPlus', { count: total, query: quoted });
  return total === 1
    ? t('search.header.one', { query: quoted })
    : t('search.header.many', { count: total, query: quoted });
}

/** `:office: *Nordlys Maskin AS* · Bergen · 55 12 34 56 · CT000042`: a person with their company, a fuzzy match marked. */
function contactLine(tr: Translator, contact: RankedContact): string {
  const emoji = contact.type === 'company' ? ':office:' : ':bust_in_silhouette:';
  const parts = [`${emoji} *${userText(contact.name, 100)}*`];
  if (contact.type === 'person' && contact.companyName) parts.push(userText(contact.companyName, 100));
  if (contact.city) parts.push(userText(contact.city, 30));
  if (contact.phone) parts.push(userText(contact.phone, 30));
  parts.push(userText(contact.no, 30));
  if (contact.tier === SIMILAR) parts.push(`_${tr.t('search.similar')}_`);
  return parts.join(' · ');
}

function contactSection(tr: Translator, contact: RankedContact): SectionBlock {
  return {
    type: 'section',
    text: mrkdwn(contactLine(tr, contact)),
    accessory: {
      type: 'button',
      text: plain(tr.t('search.view'), SLACK.buttonText),
      action_id: ids.actions.viewContact,
      value: contact.id,
    },
  };
}

/** Previous and Next on one row: each has its own action id, since Slack wants them unique within a block. */
function pageButton(query: string, page: number, label: string, actionId: string): Button {
  return {
    type: 'button',
    text: plain(label, SLACK.buttonText),
    action_id: actionId,
    value: searchPageValue.encode(query, page),
  };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

/** One page of search results as a message: a line and a View button per contact, Previous / Next when there are more. */
export function searchResultsMessage(args: SearchResultsArgs): ContactMessage {
  const { tr } = args;
  const t = tr.t;
  const { contacts, total } = args.outcome;
  const size = clamp(whole(args.pageSize, 10), 1, MAX_PAGE_SIZE);
  const lastPage = Math.max(0, Math.ceil(contacts.length / size) - 1);
  const page = clamp(whole(args.page, 0), 0, lastPage);
  const shown = contacts.slice(page * size, page * size + size);

  let header = headline(args, contacts.length, escapeMrkdwn);
  if (args.filtersLabel) header += `\n${t('search.filters', { filters: userText(args.filtersLabel, 300) })}`;
  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(header) }];

  const problems = args.problems.slice(0, MAX_PROBLEMS).map((word) => `\`${truncate(word, 40).replace(/`/g, "'")}\``);
  if (problems.length > 0) blocks.push(context(t('search.problems', { words: escapeMrkdwn(problems.join(', ')) })));
  const unknown = (args.unknownFilters ?? [])
    .slice(0, MAX_PROBLEMS)
    .map((word) => `\`${truncate(word, 40).replace(/`/g, "'")}\``);
  if (unknown.length > 0) blocks.push(context(t('search.unknownFilters', { words: escapeMrkdwn(unknown.join(', ')) })));

  blocks.push(...shown.map((contact) => contactSection(tr, contact)));
  if (contacts.length > size) {
    blocks.push(
      context(t('search.range', { from: page * size + 1, to: page * size + shown.length, count: contacts.length })),
    );
  }
  if (total > contacts.length) blocks.push(context(t('search.bestOnly', { shown: contacts.length, total })));
  const paging: Button[] = [];
  if (page > 0) paging.push(pageButton(args.query, page - 1, t('search.previous'), ids.actions.searchPageBack));
  if (page < lastPage) paging.push(pageButton(args.query, page + 1, t('search.next'), ids.actions.searchPage));
  if (paging.length > 0) blocks.push({ type: 'actions', elements: paging } satisfies ActionsBlock);
  const create = args.create;
  if (contacts.length === 0 && create && create.name.trim() !== '') {
    const name = truncate(create.name.trim(), 100);
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain(t('search.create', { name }), SLACK.buttonText),
          action_id: ids.actions.searchCreateContact,
          value: searchCreateValue.encode(name, create.type),
        },
      ],
    });
  }

  return {
    text: truncate(
      headline(args, contacts.length, (text) => text),
      SLACK.messageText,
    ),
    blocks: blocks.slice(0, SLACK.messageBlocks),
  };
}
