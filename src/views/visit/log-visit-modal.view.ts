import type { ContextBlock, InputBlock, InputBlockElement, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { DESCRIPTION_MAX, SUCCESSFUL_VALUE, visitBlocks } from '../../schemas/visit-modal';
import { slackPermalinkOrNothing } from '../../schemas/slack-permalink';
import { isIsoDate } from '../../services/calendar';
import type { InteractionType } from '../../services/setup/setup.types';
import { evaluations, type Evaluation, type VisitInput } from '../../services/visits/visit.types';
import { charLength, escapeMrkdwn, mrkdwn, plain, SLACK, truncate } from '../contact/text';
import { evaluationEmoji, evaluationLabel } from './visit-format';

export interface LogVisitModalArgs {
  mode: 'create' | 'edit';
  types: InteractionType[];
  /** YYYY-MM-DD in the user's time zone. */
  today: string;
  values: Partial<VisitInput>;
  contactOption?: { id: string; label: string };
  /** Two or three contacts the message may name: offered above the select instead of a guess. */
  contactCandidates?: { id: string; label: string }[];
  /** The source message, any length; cut to fit the description with a visible note. */
  messageText?: string;
  /** Shown as a context link "From this message". */
  permalink?: string;
  privateMetadata: string;
  /** The picked contact's open sales opportunities: an optional "Opportunity" select when there are any. */
  opportunityOptions?: { id: string; label: string }[];
  /**
   * Create mode: the follow-up is a task — its due date (the follow-up block), title and assignee (this user
   * first). Left out, the follow-up is a date only (editing a visit: its task, if any, lives on by itself).
   */
  followUpTask?: { assigneeId: string };
}

const blocks = visitBlocks;

const LABEL_MAX = 200;
/** Radio buttons allow ten; more than three guesses is no help. */
const MAX_CONTACT_CHOICES = 3;
const HINT_MAX = 500;

// ---- the source message → the description -------------------------------------------------------------------

/** Slack's control sequences in message text, turned into what a person reads. */
function readableSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
      if (target.startsWith('@') || target.startsWith('#'))
        return label ? `${target[0]}${label.replace(/^[@#]/, '')}` : target;
      if (target.startsWith('!subteam^')) return label ?? '@team';
      if (target.startsWith('!date^')) return label ?? '';
      if (target.startsWith('!')) return `@${target.slice(1)}`;
      const url = target.replace(/^mailto:/, '');
      if (!label || label === target || label === url) return url;
      return `${label} (${url})`;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** True when nothing but emoji (shortcodes or characters) and spaces is left: no description to pre-fill. */
function isOnlyEmoji(text: string): boolean {
  return (
    text
      .replace(/:[a-z0-9_+'-]+:/gi, '')
      // Joiners, variation selectors and the keycap mark combine with what precedes them: removed one by one.
      .replace(/\u200d|\ufe0e|\ufe0f|\u20e3/g, '')
      .replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{e0020}-\u{e007f}\s]/gu, '') === ''
  );
}

/**
 * Cuts by characters while also keeping the UTF-16 length within `max`: Slack's docs do not say which it counts,
 * so the text fits either way (the safer bound). Never splits an emoji.
 */
function cutToFit(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
}

/**
 * What the description starts as when a visit is logged from a message: the readable text, or '' for an
 * empty, emoji-only or attachments-only message. `cut` says the message did not fit and how long it was.
 */
export function descriptionFromMessage(messageText: string | undefined): { text: string; cut?: { length: number } } {
  const readable = readableSlackText(typeof messageText === 'string' ? messageText : '').trim();
  if (readable === '' || isOnlyEmoji(readable)) return { text: '' };
  const text = cutToFit(readable, DESCRIPTION_MAX);
  return text === readable ? { text } : { text, cut: { length: charLength(readable) } };
}

// ---- blocks ----------------------------------------------------------------------------------------------------

interface InputOptions {
  label: string;
  hint?: string;
  optional?: boolean;
}

function input(blockId: string, element: InputBlockElement, options: InputOptions): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(options.label, LABEL_MAX),
    ...(options.hint ? { hint: plain(options.hint, HINT_MAX) } : {}),
    optional: options.optional === true,
    element,
  };
}

/** `Visit (60 min)`: the type's name cut so its default duration always shows. */
export function typeOptionText(tr: Translator, type: InteractionType): string {
  const t = tr.t;
  const minutes = ` ${t('visit.type.minutes', { minutes: Math.max(0, Math.round(type.durationMin)) })}`;
  const name = type.description.trim() || type.code;
  return truncate(name, SLACK.optionText - charLength(minutes)) + minutes;
}

function typeOptions(tr: Translator, types: InteractionType[]): PlainTextOption[] {
  const seen = new Set<string>();
  return types
    .filter((type) => {
      const fresh = type.code !== '' && charLength(type.code) <= SLACK.optionValue && !seen.has(type.code);
      seen.add(type.code);
      return fresh;
    })
    .slice(0, SLACK.selectOptions)
    .map((type) => ({ text: plain(typeOptionText(tr, type), SLACK.optionText), value: type.code }));
}

function evaluationOption(tr: Translator, evaluation: Evaluation): PlainTextOption {
  return {
    text: plain(`${evaluationEmoji[evaluation]} ${evaluationLabel(tr, evaluation)}`, SLACK.optionText),
    value: evaluation,
  };
}

function initialDate(date: unknown): { initial_date?: string } {
  return isIsoDate(date) ? { initial_date: date } : {};
}

function numberElement(blockId: string, value: number | undefined, decimal: boolean): InputBlockElement {
  const initial =
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? { initial_value: String(value) } : {};
  return { type: 'number_input', action_id: blockId, is_decimal_allowed: decimal, min_value: '0', ...initial };
}

/** A contact as a select or radio option, when its id can be an option value at all. */
function contactChoiceOption(option: { id: string; label: string }): PlainTextOption | undefined {
  if (option.id === '' || charLength(option.id) > SLACK.optionValue) return undefined;
  return { text: plain(option.label, SLACK.optionText), value: option.id };
}

/**
 * The contact: a typeahead select, pre-set when the message names one contact. When it may name two or three, they
 * are offered as radio buttons above it (one tap on a phone; a select can pre-set only one), and the select stays for
 * any other contact, so neither input alone is required: the submit reads the select first, then the choice.
 */
function contactBlocks(
  tr: Translator,
  args: Pick<LogVisitModalArgs, 'contactOption' | 'contactCandidates'>,
): InputBlock[] {
  const t = tr.t;
  const initial = args.contactOption ? contactChoiceOption(args.contactOption) : undefined;
  const offered = initial
    ? []
    : (args.contactCandidates ?? [])
        .map(contactChoiceOption)
        .filter((option): option is PlainTextOption => option !== undefined)
        .slice(0, MAX_CONTACT_CHOICES);
  const select = input(
    blocks.contactId,
    {
      type: 'external_select',
      action_id: ids.actions.contactPicker,
      min_query_length: 1,
      placeholder: plain(t('visit.modal.contactPlaceholder'), SLACK.placeholder),
      ...(initial ? { initial_option: initial } : {}),
    },
    offered.length > 0
      ? { label: t('visit.field.contactOther'), hint: t('visit.modal.contactHint'), optional: true }
      : { label: t('visit.field.contact'), hint: t('visit.modal.contactHint') },
  );
  if (offered.length === 0) return [select];
  const choice = input(
    ids.visitField.contactChoice,
    { type: 'radio_buttons', action_id: ids.visitField.contactChoice, options: offered },
    { label: t('visit.field.contactChoice'), hint: t('visit.modal.contactChoiceHint'), optional: true },
  );
  return [choice, select];
}

function typeBlock(tr: Translator, types: InteractionType[], selected: string | undefined): KnownBlock {
  const t = tr.t;
  const options = typeOptions(tr, types);
  const initial = options.find((option) => option.value === selected) ?? options[0];
  if (!initial) {
    // Setup keeps at least one type; if it ever has none, say so instead of drawing a select Slack would refuse.
    return { type: 'section', block_id: blocks.typeCode, text: mrkdwn(t('visit.modal.noTypes')) };
  }
  return input(
    blocks.typeCode,
    { type: 'static_select', action_id: blocks.typeCode, options, initial_option: initial },
    { label: t('visit.field.type') },
  );
}

function descriptionBlock(tr: Translator, description: string): InputBlock {
  const t = tr.t;
  return input(
    blocks.description,
    {
      type: 'plain_text_input',
      action_id: blocks.description,
      multiline: true,
      max_length: DESCRIPTION_MAX,
      ...(description !== '' ? { initial_value: description } : {}),
      placeholder: plain(t('visit.modal.descriptionPlaceholder'), SLACK.placeholder),
    },
    { label: t('visit.field.description'), optional: true },
  );
}

function context(text: string): ContextBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

/** "Follow-up task": a heading, then its due date, title and assignee (the due date alone when editing). */
function followUpBlocks(
  tr: Translator,
  followUpDate: string | undefined,
  task: LogVisitModalArgs['followUpTask'],
): KnownBlock[] {
  const t = tr.t;
  const date = input(
    blocks.followUpDate,
    { type: 'datepicker', action_id: blocks.followUpDate, ...initialDate(followUpDate) },
    { label: t('task.followUp.date'), hint: t('task.followUp.dateHint'), optional: true },
  );
  if (!task) return [date];
  const f = ids.task.fields;
  return [
    { type: 'header', text: plain(t('task.followUp.heading'), SLACK.headerText) },
    date,
    input(
      f.followUpTitle,
      {
        type: 'plain_text_input',
        action_id: f.followUpTitle,
        max_length: 150,
        placeholder: plain(t('task.followUp.titlePlaceholder'), SLACK.placeholder),
      },
      { label: t('task.followUp.title'), hint: t('task.followUp.titleHint'), optional: true },
    ),
    input(
      f.followUpAssignee,
      { type: 'users_select', action_id: f.followUpAssignee, initial_user: task.assigneeId },
      { label: t('task.followUp.assignee'), optional: true },
    ),
  ];
}

/**
 * The log / edit visit modal. Every input's block id comes from ids.visitField (see visitBlocks); the contact select shares
 * the contact typeahead (ids.actions.contactPicker). A message that does not fit the description is cut with a note.
 */
export function logVisitModal(tr: Translator, args: LogVisitModalArgs): ModalView {
  const t = tr.t;
  if (args.privateMetadata.length > SLACK.privateMetadata) {
    // Cutting it would corrupt what the submit handler needs; this is a bug in the caller, not user input.
    throw new RangeError(
      `private_metadata is ${args.privateMetadata.length} characters; Slack allows ${SLACK.privateMetadata}`,
    );
  }
  const { values } = args;
  const fromMessage =
    typeof values.description === 'string'
      ? { text: cutToFit(values.description, DESCRIPTION_MAX) }
      : descriptionFromMessage(args.messageText);
  const evaluation: Evaluation =
    values.evaluation && evaluations.includes(values.evaluation) ? values.evaluation : 'neutral';
  const successful = { text: plain(t('visit.field.successfulOption'), SLACK.optionText), value: SUCCESSFUL_VALUE };
  const evaluationOptions = evaluations.map((evaluation) => evaluationOption(tr, evaluation));
  const permalink = slackPermalinkOrNothing(args.permalink);

  const body: KnownBlock[] = [
    ...contactBlocks(tr, args),
    typeBlock(tr, args.types, values.typeCode),
    input(
      blocks.date,
      { type: 'datepicker', action_id: blocks.date, ...initialDate(values.date ?? args.today) },
      { label: t('visit.field.date') },
    ),
    descriptionBlock(tr, fromMessage.text),
  ];
  const notes: string[] = [];
  if (fromMessage.cut) notes.push(t('visit.modal.cutNote', { length: fromMessage.cut.length, max: DESCRIPTION_MAX }));
  if (permalink) notes.push(`<${permalink}|${escapeMrkdwn(t('visit.modal.fromMessage'))}>`);
  if (notes.length > 0) body.push(context(notes.join(' · ')));
  body.push(
    input(
      blocks.evaluation,
      {
        type: 'static_select',
        action_id: blocks.evaluation,
        options: evaluationOptions,
        initial_option: evaluationOption(tr, evaluation),
      },
      { label: t('visit.field.evaluation') },
    ),
    input(
      blocks.successful,
      {
        type: 'checkboxes',
        action_id: blocks.successful,
        options: [successful],
        ...(values.successful === false ? {} : { initial_options: [successful] }),
      },
      // Optional, or Slack would insist on the box being ticked; unticked means the attempt failed.
      { label: t('visit.field.successful'), hint: t('visit.modal.successfulHint'), optional: true },
    ),
    input(blocks.durationMin, numberElement(blocks.durationMin, values.durationMin, false), {
      label: t('visit.field.duration'),
      hint: t('visit.modal.defaultHint'),
      optional: true,
    }),
    input(blocks.cost, numberElement(blocks.cost, values.cost, true), {
      label: t('visit.field.cost'),
      hint: t('visit.modal.defaultHint'),
      optional: true,
    }),
  );
  body.push(...followUpBlocks(tr, values.followUpDate, args.followUpTask));

  const opportunities = (args.opportunityOptions ?? []).slice(0, SLACK.selectOptions);
  if (args.mode === 'create' && opportunities.length > 0)
    body.push(
      input(
        ids.opportunity.blocks.visitOpportunity,
        {
          type: 'static_select',
          action_id: ids.opportunity.blocks.visitOpportunity,
          options: opportunities.map((o) => ({ text: plain(o.label, SLACK.optionText), value: o.id })),
        },
        { label: t('opp.visit.label'), hint: t('opp.visit.hint'), optional: true },
      ),
    );

  return {
    type: 'modal',
    callback_id: ids.views.logVisitModal,
    title: plain(t(args.mode === 'create' ? 'visit.modal.titleCreate' : 'visit.modal.titleEdit'), SLACK.modalTitle),
    submit: plain(t('visit.modal.submit'), SLACK.modalTitle),
    close: plain(t('visit.modal.cancel'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks: body,
  };
}
