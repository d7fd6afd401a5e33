/**
 * Default answers of the fake Web API, shaped like the examples in Slack's method reference
 * (docs.slack.dev/reference/methods/<method>) so the app's code paths that read `result.view.id`,
 * `result.ts`, `result.user.tz` or `result.permalink` see the fields they would see in production.
 */
import { DEFAULT_APP_ID, DEFAULT_BOT, DEFAULT_TEAM, DEFAULT_USER } from './workspace-defaults';

/** The time zone of the fake's users unless a test says otherwise: a test's "today" must be theirs. */
export const FAKE_USER_TZ = 'Europe/Berlin';

export type Args = Record<string, unknown>;
export type SlackBody = Record<string, unknown>;

export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  real_name: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  is_bot: boolean;
  is_app_user: boolean;
  updated: number;
  profile: Record<string, unknown>;
  [key: string]: unknown;
}

export interface UserOverride extends Partial<Omit<SlackUser, 'profile'>> {
  profile?: Record<string, unknown>;
}

/** The state answers need; owned by FakeSlackApi and reset with it. */
export interface AnswerContext {
  baseUrl: string; // http://127.0.0.1:PORT/
  users: Map<string, UserOverride>;
  /** external_id → view id, so views.update by external_id keeps the view's id like Slack does. */
  viewIdsByExternalId: Map<string, string>;
  uploads: Map<string, { filename: string; length: number; bytes?: Buffer }>;
  /** Files users shared with the app (see FakeSlackApi.addFile): files.info answers them, the file route serves them. */
  sharedFiles: Map<string, SharedFile>;
  nextId(prefix: string): string;
  nextTs(): string;
  /** A fresh Socket Mode link URL, once a FakeSocketMode serves this fake (see serveSocketMode). */
  socketModeUrl?: () => string;
}

export interface SharedFile {
  id: string;
  name: string;
  bytes: Buffer;
  /** What files.info reports as the size (default: the bytes' length), to stand for files too big to make. */
  size?: number;
}

function fileAnswer(file: SharedFile, ctx: AnswerContext): SlackBody {
  const extension = file.name.includes('.') ? (file.name.split('.').pop() ?? '') : '';
  const url = `${ctx.baseUrl}files-pri/${DEFAULT_TEAM.id}-${file.id}/download/${encodeURIComponent(file.name)}`;
  return {
    id: file.id,
    created: 1700000000,
    timestamp: 1700000000,
    name: file.name,
    title: file.name,
    mimetype: extension === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
    filetype: extension,
    user: DEFAULT_USER.id,
    size: file.size ?? file.bytes.length,
    is_external: false,
    url_private: url.replace('/download/', '/'),
    url_private_download: url,
  };
}

export function defaultUser(id: string, override: UserOverride = {}): SlackUser {
  const isDefault = id === DEFAULT_USER.id;
  const name = isDefault ? DEFAULT_USER.name : `user-${id.toLowerCase()}`;
  const realName = isDefault ? DEFAULT_USER.realName : `User ${id}`;
  const { profile, ...rest } = override;
  return {
    id,
    team_id: DEFAULT_TEAM.id,
    name,
    deleted: false,
    real_name: realName,
    tz: FAKE_USER_TZ,
    tz_label: 'Central European Summer Time',
    tz_offset: 7200,
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: false,
    is_app_user: false,
    updated: 1700000000,
    ...rest,
    profile: {
      real_name: rest.real_name ?? realName,
      display_name: rest.name ?? name,
      email: `${rest.name ?? name}@acme.example`,
      image_48: 'https://avatars.slack-edge.com/placeholder_48.png',
      team: rest.team_id ?? DEFAULT_TEAM.id,
      ...profile,
    },
  };
}

/** Slack's permalink form: the ts without its dot, prefixed with `p`. */
export function permalinkFor(channel: string, ts: string): string {
  return `https://${DEFAULT_TEAM.domain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
}

function messageOf(args: Args, ts: string): SlackBody {
  return {
    type: 'message',
    subtype: 'bot_message',
    text: args.text ?? '',
    user: DEFAULT_BOT.userId,
    bot_id: DEFAULT_BOT.botId,
    app_id: DEFAULT_APP_ID,
    team: DEFAULT_TEAM.id,
    ts,
    ...(args.blocks !== undefined ? { blocks: args.blocks } : {}),
    ...(args.attachments !== undefined ? { attachments: args.attachments } : {}),
    ...(args.thread_ts !== undefined ? { thread_ts: args.thread_ts } : {}),
  };
}

function viewAnswer(method: string, args: Args, ctx: AnswerContext): SlackBody {
  const view = (typeof args.view === 'object' && args.view !== null ? args.view : {}) as Args;
  const externalId =
    (typeof args.external_id === 'string' ? args.external_id : undefined) ??
    (typeof view.external_id === 'string' ? view.external_id : undefined);
  const existingId =
    (typeof args.view_id === 'string' ? args.view_id : undefined) ??
    (externalId !== undefined ? ctx.viewIdsByExternalId.get(externalId) : undefined);
  const id = method === 'views.update' && existingId !== undefined ? existingId : ctx.nextId('V');
  if (externalId !== undefined) ctx.viewIdsByExternalId.set(externalId, id);
  return {
    ok: true,
    view: {
      id,
      team_id: DEFAULT_TEAM.id,
      type: view.type,
      blocks: [],
      private_metadata: '',
      callback_id: '',
      external_id: '',
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${ctx.nextId('h').slice(1)}`,
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
      root_view_id: id,
      previous_view_id: null,
      app_id: DEFAULT_APP_ID,
      app_installed_team_id: DEFAULT_TEAM.id,
      bot_id: DEFAULT_BOT.botId,
      ...view,
    },
  };
}

/** The default answer for `method`; anything not listed is `{ ok: true }` (and still recorded). */
export function defaultAnswer(method: string, args: Args, ctx: AnswerContext, token?: string): SlackBody {
  const channel = typeof args.channel === 'string' ? args.channel : undefined;
  switch (method) {
    case 'apps.connections.open':
      // Only an app-level token may open a connection; Slack answers a bot or user token this way.
      if (!token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
      if (!ctx.socketModeUrl) return { ok: false, error: 'fake_socket_mode_not_started' };
      return { ok: true, url: ctx.socketModeUrl() };
    case 'bots.info':
      return {
        ok: true,
        bot: {
          id: args.bot,
          deleted: false,
          name: DEFAULT_BOT.name,
          updated: 1700000000,
          app_id: DEFAULT_APP_ID,
          user_id: DEFAULT_BOT.userId,
          icons: { image_36: 'https://a.slack-edge.com/bot_36.png' },
        },
      };
    case 'auth.test':
      return {
        ok: true,
        url: `https://${DEFAULT_TEAM.domain}.slack.com/`,
        team: DEFAULT_TEAM.name,
        user: DEFAULT_BOT.name,
        team_id: DEFAULT_TEAM.id,
        user_id: DEFAULT_BOT.userId,
        bot_id: DEFAULT_BOT.botId,
        is_enterprise_install: false,
      };
    case 'chat.postMessage': {
      const ts = ctx.nextTs();
      return { ok: true, channel, ts, message: messageOf(args, ts) };
    }
    case 'chat.postEphemeral':
      return { ok: true, message_ts: ctx.nextTs() };
    case 'chat.update': {
      const ts = String(args.ts ?? '');
      return { ok: true, channel, ts, text: args.text ?? '', message: messageOf(args, ts) };
    }
    case 'chat.delete':
      return { ok: true, channel, ts: args.ts };
    case 'chat.getPermalink':
      return { ok: true, channel, permalink: permalinkFor(String(channel), String(args.message_ts ?? '')) };
    case 'views.open':
    case 'views.update':
    case 'views.push':
    case 'views.publish':
      return viewAnswer(method, args, ctx);
    case 'users.info': {
      const id = String(args.user ?? '');
      return { ok: true, user: defaultUser(id, ctx.users.get(id)) };
    }
    case 'conversations.open': {
      // Stable per set of users, as Slack reuses the existing DM.
      const users = String(args.users ?? args.channel ?? '')
        .split(',')
        .sort()
        .join(',');
      const id = `D${Buffer.from(users).toString('hex').toUpperCase().slice(0, 10) || '0'}`;
      return { ok: true, channel: { id } };
    }
    case 'files.info': {
      const file = ctx.sharedFiles.get(String(args.file ?? ''));
      return file ? { ok: true, file: fileAnswer(file, ctx) } : { ok: false, error: 'file_not_found' };
    }
    case 'users.lookupByEmail': {
      const email = String(args.email ?? '').toLowerCase();
      for (const [id, override] of ctx.users) {
        const user = defaultUser(id, override);
        if (String(user.profile.email ?? '').toLowerCase() === email) return { ok: true, user };
      }
      return { ok: false, error: 'users_not_found' };
    }
    case 'files.getUploadURLExternal': {
      const fileId = ctx.nextId('F');
      const filename = String(args.filename ?? 'file');
      ctx.uploads.set(fileId, { filename, length: Number(args.length ?? 0) });
      return { ok: true, upload_url: `${ctx.baseUrl}upload/${fileId}`, file_id: fileId };
    }
    case 'files.completeUploadExternal': {
      const files = Array.isArray(args.files) ? (args.files as Args[]) : [];
      return {
        ok: true,
        files: files.map((f) => {
          const upload = ctx.uploads.get(String(f.id));
          return {
            id: f.id,
            name: upload?.filename,
            title: f.title ?? upload?.filename,
            size: upload?.bytes?.length ?? upload?.length,
            permalink: `https://${DEFAULT_TEAM.domain}.slack.com/files/${DEFAULT_BOT.userId}/${String(f.id)}/${upload?.filename ?? 'file'}`,
          };
        }),
      };
    }
    case 'oauth.v2.access':
      return {
        ok: true,
        app_id: DEFAULT_APP_ID,
        authed_user: { id: DEFAULT_USER.id },
        scope: 'commands,chat:write,users:read',
        token_type: 'bot',
        access_token: 'xoxb-fake-installed-token',
        bot_user_id: DEFAULT_BOT.userId,
        team: { id: DEFAULT_TEAM.id, name: DEFAULT_TEAM.name },
        enterprise: null,
        is_enterprise_install: false,
      };
    case 'team.info':
      return {
        ok: true,
        team: {
          id: DEFAULT_TEAM.id,
          name: DEFAULT_TEAM.name,
          domain: DEFAULT_TEAM.domain,
          email_domain: 'acme.example',
          icon: { image_default: true, image_68: 'https://a.slack-edge.com/default_68.png' },
        },
      };
    default:
      return { ok: true };
  }
}
