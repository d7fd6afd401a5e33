/**
 * Builders for the payloads Slack sends to the app, shaped after Slack's reference
 * (docs.slack.dev/reference/interaction-payloads, /interactivity/implementing-slash-commands, /apis/events-api)
 * and typed with Bolt's own payload types, so a field Bolt or the app reads is present with the type Slack
 * uses (slash command fields are all strings: they arrive form-encoded).
 *
 * Every builder takes named shortcuts for what tests usually vary plus `overrides`, deep-merged last
 * (objects merge, arrays and scalars replace). Trigger ids are unique per call because the fake Web API
 * honours Slack's "a trigger_id works once" rule.
 *
 * response_url defaults to a realistic hooks.slack.com address that is NOT reachable here: a test whose
 * code path calls `respond()` must pass `responseUrl: fake.responseUrl()`.
 */
import type {
  BlockAction,
  BlockElementAction,
  BlockSuggestion,
  EnvelopedEvent,
  GlobalShortcut,
  MessageShortcut,
  SlashCommand,
  ViewClosedAction,
  ViewOutput,
  ViewSubmitAction,
} from '@slack/bolt';
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_APP_ID,
  DEFAULT_BOT,
  DEFAULT_CHANNEL,
  DEFAULT_TEAM,
  DEFAULT_USER,
  DEFAULT_VERIFICATION_TOKEN,
} from './workspace-defaults';

type Json = Record<string, unknown>;
export type Overrides = Json;

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A fresh trigger id, unique per call (the fake refuses a second views.open with the same one). */
export function triggerId(): string {
  return `123.456.${hex(12)}`;
}

/** A Slack timestamp (`seconds.micro`) near now, unique enough for tests. */
export function slackTs(): string {
  return `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge recursively; arrays, scalars and `null` in `overrides` replace; `undefined` removes. */
export function deepMerge<T>(base: T, overrides: Overrides | undefined): T {
  if (!overrides) return base;
  const result: Json = { ...(base as Json) };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete result[key];
    else if (isPlainObject(value) && isPlainObject(result[key])) result[key] = deepMerge(result[key], value);
    else result[key] = value;
  }
  return result as T;
}

/** Who and where, common to every builder. */
export interface Actor {
  userId?: string;
  userName?: string;
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
  /** Set for Enterprise Grid; `team` then carries `enterprise_id`, and `enterprise` is filled in. */
  enterpriseId?: string;
  enterpriseName?: string;
  isEnterpriseInstall?: boolean;
  overrides?: Overrides;
}

function who(a: Actor) {
  const userId = a.userId ?? DEFAULT_USER.id;
  const userName = a.userName ?? (userId === DEFAULT_USER.id ? DEFAULT_USER.name : `user-${userId.toLowerCase()}`);
  const teamId = a.teamId ?? DEFAULT_TEAM.id;
  const teamDomain = a.teamDomain ?? (teamId === DEFAULT_TEAM.id ? DEFAULT_TEAM.domain : teamId.toLowerCase());
  const enterprise = a.enterpriseId ? { id: a.enterpriseId, name: a.enterpriseName ?? 'Acme Grid' } : undefined;
  return {
    userId,
    userName,
    teamId,
    teamDomain,
    apiAppId: a.apiAppId ?? DEFAULT_APP_ID,
    enterprise,
    isEnterpriseInstall: a.isEnterpriseInstall ?? false,
    team: {
      id: teamId,
      domain: teamDomain,
      ...(enterprise ? { enterprise_id: enterprise.id, enterprise_name: enterprise.name } : {}),
    },
  };
}

function defaultResponseUrl(kind: 'commands' | 'actions', teamId: string): string {
  return `https://hooks.slack.com/${kind}/${teamId}/${Date.now()}/${hex(12)}`;
}

// ---- slash command ------------------------------------------------------------------------------

export interface SlashCommandOptions extends Actor {
  text?: string;
  command?: string;
  channelId?: string;
  channelName?: string;
  responseUrl?: string;
  triggerId?: string;
}

/** The form fields of a slash command (send with `SlackRequestSender.command`). All values are strings. */
export function slashCommand(o: SlashCommandOptions = {}): SlashCommand {
  const w = who(o);
  const fields: SlashCommand = {
    token: DEFAULT_VERIFICATION_TOKEN,
    team_id: w.teamId,
    team_domain: w.teamDomain,
    channel_id: o.channelId ?? DEFAULT_CHANNEL.id,
    channel_name: o.channelName ?? DEFAULT_CHANNEL.name,
    user_id: w.userId,
    user_name: w.userName,
    command: o.command ?? '/contact',
    text: o.text ?? '',
    api_app_id: w.apiAppId,
    is_enterprise_install: String(w.isEnterpriseInstall),
    response_url: o.responseUrl ?? defaultResponseUrl('commands', w.teamId),
    trigger_id: o.triggerId ?? triggerId(),
    ...(w.enterprise ? { enterprise_id: w.enterprise.id, enterprise_name: w.enterprise.name } : {}),
  };
  return deepMerge(fields, o.overrides);
}

// ---- shortcuts ----------------------------------------------------------------------------------

export interface GlobalShortcutOptions extends Actor {
  callbackId?: string;
  triggerId?: string;
}

/** A global shortcut: no channel and no response_url, as Slack sends it. */
export function globalShortcut(o: GlobalShortcutOptions = {}): GlobalShortcut {
  const w = who(o);
  const payload = {
    type: 'shortcut' as const,
    token: DEFAULT_VERIFICATION_TOKEN,
    action_ts: slackTs(),
    team: w.team,
    user: { id: w.userId, username: w.userName, team_id: w.teamId },
    is_enterprise_install: w.isEnterpriseInstall,
    enterprise: w.enterprise ?? null,
    callback_id: o.callbackId ?? 'new_contact',
    trigger_id: o.triggerId ?? triggerId(),
  };
  return deepMerge(payload as unknown as GlobalShortcut, o.overrides);
}

export interface MessageShortcutOptions extends Actor {
  callbackId?: string;
  triggerId?: string;
  channelId?: string;
  channelName?: string;
  responseUrl?: string;
  message?: { text?: string; ts?: string; user?: string; [key: string]: unknown };
}

/** A message shortcut, carrying the message (text, ts, user), the channel and a response_url. */
export function messageShortcut(o: MessageShortcutOptions = {}): MessageShortcut {
  const w = who(o);
  const ts = o.message?.ts ?? slackTs();
  const message = {
    type: 'message' as const,
    user: 'U0002',
    ts,
    text: 'Met Jane Doe from Initech today, she wants a demo next week.',
    team: w.teamId,
    client_msg_id: `${hex(4)}-${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}`,
    ...o.message,
  };
  const payload: MessageShortcut = {
    type: 'message_action',
    token: DEFAULT_VERIFICATION_TOKEN,
    action_ts: slackTs(),
    team: w.team,
    user: { id: w.userId, name: w.userName, username: w.userName, team_id: w.teamId },
    channel: { id: o.channelId ?? DEFAULT_CHANNEL.id, name: o.channelName ?? DEFAULT_CHANNEL.name },
    is_enterprise_install: w.isEnterpriseInstall,
    ...(w.enterprise ? { enterprise: w.enterprise } : {}),
    callback_id: o.callbackId ?? 'contact_from_message',
    trigger_id: o.triggerId ?? triggerId(),
    response_url: o.responseUrl ?? defaultResponseUrl('actions', w.teamId),
    message_ts: ts,
    message,
  };
  return deepMerge(payload, o.overrides);
}

// ---- views --------------------------------------------------------------------------------------

/** `view.state.values` entries as Slack reports each element's state. */
export const stateValue = {
  plainText: (value: string | null) => ({ type: 'plain_text_input', value }),
  email: (value: string | null) => ({ type: 'email_text_input', value }),
  url: (value: string | null) => ({ type: 'url_text_input', value }),
  number: (value: string | null) => ({ type: 'number_input', value }),
  staticSelect: (value: string | null, text = value ?? '') => ({
    type: 'static_select',
    selected_option: value === null ? null : { text: { type: 'plain_text', text, emoji: true }, value },
  }),
  externalSelect: (value: string | null, text = value ?? '') => ({
    type: 'external_select',
    selected_option: value === null ? null : { text: { type: 'plain_text', text, emoji: true }, value },
  }),
  usersSelect: (userId: string | null) => ({ type: 'users_select', selected_user: userId }),
  conversationsSelect: (id: string | null) => ({ type: 'conversations_select', selected_conversation: id }),
  datepicker: (date: string | null) => ({ type: 'datepicker', selected_date: date }),
  timepicker: (time: string | null) => ({ type: 'timepicker', selected_time: time }),
  checkboxes: (options: { value: string; text?: string }[]) => ({
    type: 'checkboxes',
    selected_options: options.map((o) => ({
      text: { type: 'plain_text', text: o.text ?? o.value, emoji: true },
      value: o.value,
    })),
  }),
};

export type StateValues = Record<string, Record<string, Json>>;

export interface ViewOutputOptions {
  viewId?: string;
  callbackId?: string;
  privateMetadata?: string;
  hash?: string;
  /** `view.state.values`: `{ [block_id]: { [action_id]: stateValue.… } }`. */
  values?: StateValues;
  title?: string;
  blocks?: unknown[];
  type?: 'modal' | 'home';
  externalId?: string;
  rootViewId?: string;
  previousViewId?: string;
  teamId?: string;
  overrides?: Overrides;
}

/** The view as it appears inside payloads (id, hash, state, app ids filled in by Slack). */
export function viewOutput(o: ViewOutputOptions = {}): ViewOutput {
  const id = o.viewId ?? `V${hex(5).toUpperCase()}`;
  const type = o.type ?? 'modal';
  const view = {
    id,
    team_id: o.teamId ?? DEFAULT_TEAM.id,
    type,
    blocks: o.blocks ?? [],
    private_metadata: o.privateMetadata ?? '',
    callback_id: o.callbackId ?? (type === 'home' ? '' : 'new_contact'),
    state: { values: o.values ?? {} },
    hash: o.hash ?? `${Math.floor(Date.now() / 1000)}.${hex(4)}`,
    title: { type: 'plain_text' as const, text: o.title ?? 'New contact', emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: type === 'modal' ? { type: 'plain_text' as const, text: 'Cancel', emoji: true } : null,
    submit: type === 'modal' ? { type: 'plain_text' as const, text: 'Save', emoji: true } : null,
    previous_view_id: o.previousViewId ?? null,
    root_view_id: o.rootViewId ?? id,
    app_id: DEFAULT_APP_ID,
    external_id: o.externalId ?? '',
    app_installed_team_id: o.teamId ?? DEFAULT_TEAM.id,
    bot_id: DEFAULT_BOT.botId,
  };
  return deepMerge(view as unknown as ViewOutput, o.overrides);
}

export interface ViewSubmissionOptions extends Actor, Omit<ViewOutputOptions, 'overrides' | 'teamId'> {
  triggerId?: string;
  /** Only for modals with response_url_enabled inputs. */
  responseUrls?: { block_id: string; action_id: string; channel_id: string; response_url: string }[];
  /** Deep-merged into `view` (the top-level `overrides` applies to the whole payload). */
  viewOverrides?: Overrides;
}

export function viewSubmission(o: ViewSubmissionOptions = {}): ViewSubmitAction {
  const w = who(o);
  const payload: ViewSubmitAction = {
    type: 'view_submission',
    team: w.team,
    user: { id: w.userId, name: w.userName, team_id: w.teamId, ...{ username: w.userName } },
    api_app_id: w.apiAppId,
    token: DEFAULT_VERIFICATION_TOKEN,
    trigger_id: o.triggerId ?? triggerId(),
    view: viewOutput({ ...o, teamId: w.teamId, overrides: o.viewOverrides }),
    response_urls: o.responseUrls ?? [],
    is_enterprise_install: w.isEnterpriseInstall,
    ...(w.enterprise ? { enterprise: w.enterprise } : {}),
  };
  return deepMerge(payload, o.overrides);
}

export interface ViewClosedOptions extends ViewSubmissionOptions {
  isCleared?: boolean;
}

/** Sent only for views opened with `notify_on_close: true`. */
export function viewClosed(o: ViewClosedOptions = {}): ViewClosedAction {
  const w = who(o);
  const payload: ViewClosedAction = {
    type: 'view_closed',
    team: w.team,
    user: { id: w.userId, name: w.userName, team_id: w.teamId },
    api_app_id: w.apiAppId,
    token: DEFAULT_VERIFICATION_TOKEN,
    view: viewOutput({ ...o, teamId: w.teamId, overrides: { notify_on_close: true, ...o.viewOverrides } }),
    is_cleared: o.isCleared ?? false,
    is_enterprise_install: w.isEnterpriseInstall,
    ...(w.enterprise ? { enterprise: w.enterprise } : {}),
  };
  return deepMerge(payload, o.overrides);
}

// ---- block actions ------------------------------------------------------------------------------

export interface ButtonActionOptions {
  actionId: string;
  blockId?: string;
  value?: string;
  text?: string;
}

/** One element of `actions` for a button click. */
export function buttonAction(o: ButtonActionOptions): BlockElementAction {
  return {
    type: 'button',
    action_id: o.actionId,
    block_id: o.blockId ?? hex(3),
    text: { type: 'plain_text', text: o.text ?? 'Button', emoji: true },
    ...(o.value !== undefined ? { value: o.value } : {}),
    action_ts: slackTs(),
  } as BlockElementAction;
}

export interface BlockActionsOptions extends Actor {
  /** The clicked/selected elements; see buttonAction(). */
  actions?: BlockElementAction[];
  /**
   * Where the element lives: a message (default; has channel, message and response_url), a modal or
   * the Home tab (container type 'view', no response_url).
   */
  source?: 'message' | 'modal' | 'home';
  view?: ViewOutput;
  channelId?: string;
  channelName?: string;
  message?: Json;
  responseUrl?: string;
  triggerId?: string;
  values?: StateValues;
}

export function blockActions(o: BlockActionsOptions = {}): BlockAction {
  const w = who(o);
  const source = o.source ?? (o.view ? (o.view.type === 'home' ? 'home' : 'modal') : 'message');
  const common = {
    type: 'block_actions' as const,
    user: { id: w.userId, username: w.userName, name: w.userName, team_id: w.teamId },
    api_app_id: w.apiAppId,
    token: DEFAULT_VERIFICATION_TOKEN,
    trigger_id: o.triggerId ?? triggerId(),
    team: w.team,
    enterprise: w.enterprise ?? null,
    is_enterprise_install: w.isEnterpriseInstall,
    actions: o.actions ?? [buttonAction({ actionId: 'open_contact', value: 'contact-1' })],
  };
  let payload: Json;
  if (source === 'message') {
    const channel = { id: o.channelId ?? DEFAULT_CHANNEL.id, name: o.channelName ?? DEFAULT_CHANNEL.name };
    const message = {
      type: 'message',
      user: DEFAULT_BOT.userId,
      bot_id: DEFAULT_BOT.botId,
      ts: slackTs(),
      text: '',
      blocks: [],
      ...o.message,
    };
    payload = {
      ...common,
      container: { type: 'message', message_ts: message.ts, channel_id: channel.id, is_ephemeral: false },
      channel,
      message,
      state: { values: o.values ?? {} },
      response_url: o.responseUrl ?? defaultResponseUrl('actions', w.teamId),
    };
  } else {
    const view =
      o.view ?? viewOutput({ type: source === 'home' ? 'home' : 'modal', values: o.values, teamId: w.teamId });
    payload = { ...common, container: { type: 'view', view_id: view.id }, view };
  }
  return deepMerge(payload as unknown as BlockAction, o.overrides);
}

// ---- options load -------------------------------------------------------------------------------

export interface BlockSuggestionOptions extends Actor {
  actionId?: string;
  blockId?: string;
  /** What the user typed so far (Slack sends it once min_query_length, default 3, is reached). */
  value?: string;
  view?: ViewOutput;
}

/** An external_select options request from a modal (send with `SlackRequestSender.options`). */
export function blockSuggestion(o: BlockSuggestionOptions = {}): BlockSuggestion {
  const w = who(o);
  const view = o.view ?? viewOutput({ teamId: w.teamId });
  const payload = {
    type: 'block_suggestion' as const,
    user: { id: w.userId, username: w.userName, name: w.userName, team_id: w.teamId },
    container: { type: 'view', view_id: view.id },
    api_app_id: w.apiAppId,
    token: DEFAULT_VERIFICATION_TOKEN,
    action_id: o.actionId ?? 'company_select',
    block_id: o.blockId ?? 'company',
    value: o.value ?? 'Ini',
    team: w.team,
    enterprise: w.enterprise ?? null,
    is_enterprise_install: w.isEnterpriseInstall,
    view,
  };
  return deepMerge(payload as unknown as BlockSuggestion, o.overrides);
}

// ---- Events API ---------------------------------------------------------------------------------

export interface EventCallbackOptions {
  teamId?: string;
  apiAppId?: string;
  enterpriseId?: string;
  eventId?: string;
  overrides?: Overrides;
}

/** Wraps an event in Slack's `event_callback` envelope (send with `SlackRequestSender.event`). */
export function eventCallback<E extends { type: string }>(event: E, o: EventCallbackOptions = {}): EnvelopedEvent<E> {
  const teamId = o.teamId ?? DEFAULT_TEAM.id;
  const envelope: EnvelopedEvent<E> = {
    token: DEFAULT_VERIFICATION_TOKEN,
    team_id: teamId,
    ...(o.enterpriseId ? { enterprise_id: o.enterpriseId } : {}),
    api_app_id: o.apiAppId ?? DEFAULT_APP_ID,
    event,
    type: 'event_callback',
    event_id: o.eventId ?? `Ev${hex(5).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: o.enterpriseId ?? null,
        team_id: teamId,
        user_id: DEFAULT_BOT.userId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${hex(16)}`,
  };
  return deepMerge(envelope, o.overrides);
}

export function appHomeOpened(
  o: { userId?: string; channel?: string; tab?: 'home' | 'messages'; view?: ViewOutput } = {},
) {
  const userId = o.userId ?? DEFAULT_USER.id;
  return {
    type: 'app_home_opened' as const,
    user: userId,
    channel: o.channel ?? `D${userId.slice(1)}`,
    tab: o.tab ?? 'home',
    event_ts: slackTs(),
    // Slack includes the currently published Home view, if any.
    ...(o.view ? { view: o.view } : {}),
  };
}

export function appUninstalled() {
  return { type: 'app_uninstalled' as const, event_ts: slackTs() };
}

/** `tokens` lists the user ids whose tokens were revoked (bot user ids under `bot`). */
export function tokensRevoked(o: { oauth?: string[]; bot?: string[] } = {}) {
  return {
    type: 'tokens_revoked' as const,
    tokens: { oauth: o.oauth ?? [], bot: o.bot ?? [DEFAULT_BOT.userId] },
    event_ts: slackTs(),
  };
}

/** Sent once when the Events request URL is set; Bolt answers with the challenge. */
export function urlVerification(o: { challenge?: string } = {}) {
  return { token: DEFAULT_VERIFICATION_TOKEN, challenge: o.challenge ?? hex(16), type: 'url_verification' as const };
}
