import type { ActionsBlock, Button, HomeView, KnownBlock, SectionBlock } from '@slack/types';
import { LANGUAGE_NAMES, LOCALES, type Translator } from '../../i18n';
import { ids } from '../../ids';
import type { ContactSummary } from '../../services/contacts/contact.types';
import type { DateRange, Visit, VisitTotals } from '../../services/visits/visit.types';
import { mrkdwn, plain, SLACK, userText } from '../contact/text';
import { byTypeLines, bySalespersonLines, cappedLines, mention, newestFirst, visitLine } from '../visit/visit-format';
import { periodText, visitCounts } from '../visit/report-format';

export interface HomeViewArgs {
  userId: string;
  myWeek: { visits: Visit[]; totals: VisitTotals; range: DateRange };
  recentContacts: ContactSummary[];
  /** Managers only. */
  team?: { totals: VisitTotals; salespeopleWithoutVisits: string[] };
  isAdmin: boolean;
  /** "My pipeline" (and the team's for managers), built by views/opportunity/home-pipeline.view.ts. */
  pipeline?: KnownBlock[];
  /** "My tasks" (views/task/task-home.ts), drawn before the user's week. */
  tasks?: KnownBlock[];
}

/** Visit lines under "Your week"; the rest are one `/contact visits` away. */
const HOME_VISITS = 8;
const HOME_CONTACTS = 10;
const SECTION_TEXT = SLACK.sectionText - 100;

function button(text: string, actionId: string, extra: Partial<Button> = {}): Button {
  return { type: 'button', text: plain(text, SLACK.buttonText), action_id: actionId, ...extra };
}

function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, SLACK.headerText) };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

function buttonsBlock(tr: Translator, isAdmin: boolean): ActionsBlock {
  const elements: Button[] = [
    button(tr.t('home.button.newContact'), ids.actions.homeNewContact),
    button(tr.t('home.button.logVisit'), ids.actions.homeLogVisit, { style: 'primary' }),
    button(tr.t('home.button.search'), ids.actions.homeSearch),
  ];
  if (isAdmin) elements.push(button(tr.t('home.button.setup'), ids.actions.homeSetup));
  return { type: 'actions', elements };
}

function myWeekBlocks(tr: Translator, week: HomeViewArgs['myWeek']): KnownBlock[] {
  const blocks: KnownBlock[] = [
    header(tr.t('home.myWeek')),
    context(`${visitCounts(tr, week.totals)} · ${periodText(tr, week.range)}`),
  ];
  if (week.visits.length === 0) {
    blocks.push({ type: 'section', text: mrkdwn(tr.t('home.myWeekNone')) });
    return blocks;
  }
  const newest = [...week.visits].sort(newestFirst).slice(0, HOME_VISITS);
  const lines = newest.map((visit) => `• ${visitLine(tr, visit, { showDate: true, showContact: 'always' })}`);
  blocks.push({ type: 'section', text: mrkdwn(cappedLines(tr, lines, HOME_VISITS, SECTION_TEXT)) });
  const more = week.visits.length - newest.length;
  if (more > 0) blocks.push(context(tr.t('home.myWeekMore', { count: more })));
  return blocks;
}

function contactSection(tr: Translator, contact: ContactSummary): SectionBlock {
  const emoji = contact.type === 'company' ? ':office:' : ':bust_in_silhouette:';
  const parts = [`${emoji} *${userText(contact.name, 100)}*`];
  if (contact.type === 'person' && contact.companyName) parts.push(userText(contact.companyName, 100));
  if (contact.city) parts.push(userText(contact.city, 30));
  parts.push(userText(contact.no, 30));
  return {
    type: 'section',
    text: mrkdwn(parts.join(' · ')),
    accessory: button(tr.t('home.button.view'), ids.actions.viewContact, { value: contact.id }),
  };
}

function recentBlocks(tr: Translator, contacts: ContactSummary[]): KnownBlock[] {
  const blocks: KnownBlock[] = [header(tr.t('home.recentContacts'))];
  if (contacts.length === 0) blocks.push({ type: 'section', text: mrkdwn(tr.t('home.recentNone')) });
  else blocks.push(...contacts.slice(0, HOME_CONTACTS).map((contact) => contactSection(tr, contact)));
  return blocks;
}

function teamBlocks(tr: Translator, team: NonNullable<HomeViewArgs['team']>): KnownBlock[] {
  const { totals } = team;
  const blocks: KnownBlock[] = [
    header(tr.t('home.team')),
    { type: 'section', text: mrkdwn(totals.visits === 0 ? tr.t('home.teamNone') : visitCounts(tr, totals)) },
  ];
  const sales = bySalespersonLines(totals);
  if (sales.length > 0)
    blocks.push({
      type: 'section',
      text: mrkdwn(`*${tr.t('visits.bySalesperson')}*\n${cappedLines(tr, sales, 40, SECTION_TEXT)}`),
    });
  const types = byTypeLines(totals);
  if (types.length > 0)
    blocks.push({
      type: 'section',
      text: mrkdwn(`*${tr.t('visits.byType')}*\n${cappedLines(tr, types, 30, SECTION_TEXT)}`),
    });
  const idle = team.salespeopleWithoutVisits.map(mention);
  if (idle.length > 0) {
    const list = cappedLines(tr, idle, 60, SECTION_TEXT).replace(/\n(?!_)/g, ', ');
    blocks.push({
      type: 'section',
      text: mrkdwn(`*${tr.t('digest.withoutVisits', { count: idle.length })}*\n${list}`),
    });
  }
  return blocks;
}

/** The language Kontakt speaks to this user, chosen here as with `/contact language` (each language named in itself). */
function languageBlock(tr: Translator): SectionBlock {
  const options = LOCALES.map((code) => ({ text: plain(LANGUAGE_NAMES[code], SLACK.optionText), value: code }));
  return {
    type: 'section',
    text: mrkdwn(`:speech_balloon: ${tr.t('home.language.label')}`),
    accessory: {
      type: 'static_select',
      action_id: ids.actions.homeLanguage,
      placeholder: plain(tr.t('home.language.placeholder'), SLACK.placeholder),
      options,
      initial_option: options.find((option) => option.value === tr.locale),
    },
  };
}

/**
 * The App Home tab: the buttons (New contact / Log visit / Search, Setup for admins), then for managers and admins
 * the team's week first (what they come to Home for), then the user's own week and their recent contacts. About
 * 30 blocks at most, whatever the amount of data.
 */
export function homeView(tr: Translator, args: HomeViewArgs): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(tr.t('home.greeting', { user: mention(args.userId) })) },
    buttonsBlock(tr, args.isAdmin),
  ];
  if (args.team) blocks.push({ type: 'divider' }, ...teamBlocks(tr, args.team));
  if (args.tasks) blocks.push({ type: 'divider' }, ...args.tasks);
  blocks.push(
    { type: 'divider' },
    ...myWeekBlocks(tr, args.myWeek),
    { type: 'divider' },
    ...(args.pipeline && args.pipeline.length > 0 ? [...args.pipeline, { type: 'divider' } as KnownBlock] : []),
    ...recentBlocks(tr, args.recentContacts),
    { type: 'divider' },
    languageBlock(tr),
  );
  return { type: 'home', blocks: blocks.slice(0, SLACK.viewBlocks) };
}
