/**
 * A local stand-in for Slack's Web API (and for the response_url endpoints Slack hands out), so the app's
 * real WebClient (via Bolt's `clientOptions.slackApiUrl`) and Bolt's `respond()` have something to talk to
 * on a machine that cannot reach Slack.
 *
 * It behaves like Slack where the app could get it wrong: Block Kit limits are enforced (see
 * block-kit-checker.ts), a trigger_id works once, a missing token is `not_authed`, rate limits are HTTP 429
 * with Retry-After. Everything the app sends is recorded so tests assert on what Slack would have received.
 *
 *   const slack = await FakeSlackApi.start();
 *   process.env.SLACK_API_URL = slack.url;
 *   …
 *   const call = await slack.waitForCall('views.open');
 *   expect(call.args.view).toMatchObject({ callback_id: 'new_contact' });
 *   afterEach(() => slack.expectNoBlockKitViolations());
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkMessage, checkView } from './block-kit-checker';
import { type AnswerContext, type Args, defaultAnswer, type SlackBody, type UserOverride } from './fake-slack-answers';
import { parseApiArgs, readBody, tokenOf, uploadedBytes } from './http-body';
import { Recorder } from './recorder';

/**
 * How long a wait for the app's work gives up after: generous, since the suite runs on loaded machines. It must be
 * well above the suite's database bound (KONTAKT_TEST_DB_BUDGET_MS, 15 s): a request whose query waits that long on a
 * busy shared emulator still answers, and a wait equal to the bound gave up on it (CI, day-one setup, 15 s).
 * Below jest's 60 s test timeout, so a wait that does give up says what it saw instead of a bare timeout.
 */
export const WAIT_PATIENCE_MS = 45_000;

export interface RecordedCall {
  method: string;
  /** Decoded arguments: JSON form fields (view, blocks, files…) are objects, other form fields strings. */
  args: Args;
  token: string | undefined;
  /** Date.now() when the request arrived. */
  at: number;
  /** What the fake answered, set once answered (undefined for network errors or while delayed). */
  answer?: { status: number; body: SlackBody };
}

export interface RecordedResponse {
  key: string;
  body: Record<string, unknown>;
  at: number;
}

export interface BlockKitViolation {
  /** The Web API method, or 'response_url'. */
  source: string;
  messages: string[];
  payload: unknown;
}

/**
 * How the next call(s) to a method fail:
 * - a Slack error string (`'expired_trigger_id'`, `'not_authed'`, `'invalid_blocks'`…): HTTP 200 `{ ok: false, error }`,
 *   which @slack/web-api throws as `slack_webapi_platform_error` with `data.error` (no retry);
 * - `{ status: 429, retryAfter }`: HTTP 429 + `Retry-After` + `{ ok: false, error: 'ratelimited' }`; @slack/web-api
 *   waits retryAfter s, then retries on its own (p-retry adds ~1–2 s backoff on top);
 * - `{ delayMs }`: the normal answer, late (to exercise the app's timing, e.g. the 3 s ack budget);
 * - `{ networkError: true }`: the socket is destroyed without an answer; @slack/web-api retries those too.
 */
export type SlackFailure = string | { status: 429; retryAfter: number } | { delayMs: number } | { networkError: true };

export type Responder = SlackBody | ((call: RecordedCall) => SlackBody | Promise<SlackBody>);

export interface FakeSlackApiOptions {
  /** Enforce Block Kit limits on views.*, chat.* and response_url bodies. Default true. */
  checkBlockKit?: boolean;
  /** A trigger_id (or interactivity_pointer) works once for views.open / views.push. Default true. */
  triggerOnce?: boolean;
  /** Calls without a token are answered `not_authed` (except oauth.*). Default true. */
  requireToken?: boolean;
}

const VIEW_METHODS = new Set(['views.open', 'views.update', 'views.push', 'views.publish']);
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update']);
const TRIGGER_METHODS = new Set(['views.open', 'views.push']);
/** Methods authenticated by client id/secret rather than a token. */
const TOKENLESS_METHODS = new Set(['oauth.v2.access', 'oauth.access', 'oauth.v2.exchange', 'openid.connect.token']);
/** Pseudo-method name under which failNext() applies to response_url POSTs. */
const RESPONSE_URL = 'response_url';
/** Pseudo-method name under which failNext() applies to POSTs of file bytes to an upload URL. */
const UPLOAD = 'upload';

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function summarize(value: unknown, max = 300): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export class FakeSlackApi {
  /** Base URL for SLACK_API_URL / `slackApiUrl`, e.g. `http://127.0.0.1:PORT/api/`. */
  readonly url: string;
  /** Base of every route: `http://127.0.0.1:PORT/`. */
  readonly origin: string;
  readonly violations: BlockKitViolation[] = [];

  private readonly callLog = new Recorder<RecordedCall>();
  private readonly responseLog = new Recorder<RecordedResponse>();
  private readonly responders = new Map<string, Responder>();
  private readonly failures = new Map<string, SlackFailure[]>();
  private readonly usedTriggers = new Set<string>();
  private readonly downloadLog: { fileId: string; token: string | undefined; served: boolean }[] = [];
  private readonly pendingTimers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private readonly ctx: AnswerContext;
  private lastTsMicros = 0;

  private constructor(
    private readonly server: Server,
    port: number,
    private readonly options: Required<FakeSlackApiOptions>,
  ) {
    this.origin = `http://127.0.0.1:${port}/`;
    this.url = `${this.origin}api/`;
    this.ctx = {
      baseUrl: this.origin,
      users: new Map(),
      viewIdsByExternalId: new Map(),
      uploads: new Map(),
      sharedFiles: new Map(),
      nextId: (prefix) => `${prefix}${randomHex(5).toUpperCase()}`,
      nextTs: () => this.nextTs(),
    };
  }

  static async start(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSlackApi(server, port, {
      checkBlockKit: options.checkBlockKit ?? true,
      triggerOnce: options.triggerOnce ?? true,
      requireToken: options.requireToken ?? true,
    });
    server.on('request', (req, res) => {
      fake.route(req, res).catch((error: unknown) => {
        if (!res.headersSent)
          sendJson(res, 500, { ok: false, error: 'fake_slack_internal_error', detail: String(error) });
      });
    });
    return fake;
  }

  async close(): Promise<void> {
    for (const pending of this.pendingTimers) {
      clearTimeout(pending.timer);
      pending.resolve();
    }
    this.pendingTimers.clear();
    // Keep-alive sockets from fetch would otherwise hold close() (and jest) open.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- recorded calls -------------------------------------------------------------------------

  get calls(): readonly RecordedCall[] {
    return this.callLog.items;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  lastCall(method: string): RecordedCall | undefined {
    return this.callsTo(method).at(-1);
  }

  /**
   * The first call to `method` (matching `predicate`) already recorded or arriving within `timeoutMs`. The wait ends
   * as soon as the call comes; the default is patience for a busy machine, not a speed requirement.
   */
  waitForCall(
    method: string,
    predicate: (call: RecordedCall) => boolean = () => true,
    timeoutMs = WAIT_PATIENCE_MS,
  ): Promise<RecordedCall> {
    return this.callLog.waitFor(
      (c) => c.method === method && predicate(c),
      timeoutMs,
      () => {
        const seen = this.calls.map((c) => `  ${c.method} ${summarize(c.args)}`).join('\n') || '  (none)';
        // A failed request is told through its response_url, so those say why the awaited call never came.
        const told = this.responses.map((r) => `  ${r.key} ${summarize(r.body)}`).join('\n') || '  (none)';
        return `FakeSlackApi: no matching call to ${method} within ${timeoutMs} ms. Calls seen:\n${seen}\nResponses seen:\n${told}`;
      },
    );
  }

  // ---- response_url catcher -------------------------------------------------------------------

  get responses(): readonly RecordedResponse[] {
    return this.responseLog.items;
  }

  /** A response_url to put in payloads; POSTs to it are recorded in `responses` under `key`. */
  responseUrl(key: string = randomHex(6)): string {
    return `${this.origin}response/${encodeURIComponent(key)}`;
  }

  waitForResponse(
    predicate: (response: RecordedResponse) => boolean = () => true,
    timeoutMs = WAIT_PATIENCE_MS,
  ): Promise<RecordedResponse> {
    return this.responseLog.waitFor(predicate, timeoutMs, () => {
      const seen = this.responses.map((r) => `  ${r.key} ${summarize(r.body)}`).join('\n') || '  (none)';
      return `FakeSlackApi: no matching response_url POST within ${timeoutMs} ms. Responses seen:\n${seen}`;
    });
  }

  // ---- files ----------------------------------------------------------------------------------

  /** The bytes uploaded to the URL from files.getUploadURLExternal, by file id. */
  uploadedFile(fileId: string): { filename: string; bytes: Buffer } | undefined {
    const upload = this.ctx.uploads.get(fileId);
    return upload?.bytes ? { filename: upload.filename, bytes: upload.bytes } : undefined;
  }

  /**
   * A file a user shared with the app (e.g. through a file_input): files.info answers it, and its
   * url_private_download serves the bytes to a GET with `Authorization: Bearer <bot token>` (see fileToken).
   * Returns the file id, for the file_input state.
   */
  addFile(file: { name: string; bytes: Buffer; size?: number }): string {
    const id = this.ctx.nextId('F');
    this.ctx.sharedFiles.set(id, { id, ...file });
    return id;
  }

  /** Every GET of a shared file: which file, with which token, and whether it was served. */
  get downloads(): readonly { fileId: string; token: string | undefined; served: boolean }[] {
    return this.downloadLog;
  }

  /** The bot token a file download must carry (set by the test app; any `xoxb-` token until then). */
  fileToken: string | undefined;

  // ---- behaviour overrides --------------------------------------------------------------------

  /** Answer every later call to `method` with `bodyOrFn` (`ok` defaults to true) until reset(). */
  respondWith(method: string, bodyOrFn: Responder): void {
    this.responders.set(method, bodyOrFn);
  }

  /**
   * Fail the next `times` calls to `method` (use 'response_url' for response_url POSTs, 'upload' for the file bytes
   * sent to an upload URL: a Slack error string there is an HTTP 500 with that text, as a file server would answer).
   */
  failNext(method: string, failure: SlackFailure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** users.info answers for `id` are the default user with `partial` merged in (profile merged too). */
  setUser(id: string, partial: UserOverride): void {
    const previous = this.ctx.users.get(id) ?? {};
    this.ctx.users.set(id, { ...previous, ...partial, profile: { ...previous.profile, ...partial.profile } });
  }

  /** apps.connections.open answers with `openUrl()` (a FakeSocketMode's link URLs) from now on, resets included. */
  serveSocketMode(openUrl: () => string): void {
    this.ctx.socketModeUrl = openUrl;
  }

  /** Forget calls, responses, violations, overrides, queued failures, users and used triggers. */
  reset(): void {
    this.callLog.clear();
    this.responseLog.clear();
    this.violations.length = 0;
    this.responders.clear();
    this.failures.clear();
    this.usedTriggers.clear();
    this.ctx.users.clear();
    this.ctx.viewIdsByExternalId.clear();
    this.ctx.uploads.clear();
    this.ctx.sharedFiles.clear();
    this.downloadLog.length = 0;
  }

  /** For afterEach: throws listing every Block Kit violation the app produced since the last reset(). */
  expectNoBlockKitViolations(): void {
    if (this.violations.length === 0) return;
    const list = this.violations
      .map((v) => `  ${v.source}:\n${v.messages.map((m) => `    - ${m}`).join('\n')}`)
      .join('\n');
    throw new Error(
      `Slack would have rejected ${this.violations.length} request(s) for Block Kit violations:\n${list}`,
    );
  }

  // ---- HTTP handling --------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.origin).pathname;
    const body = await readBody(req);
    let match: RegExpExecArray | null;
    if (req.method === 'GET' && (match = /^\/files-pri\/[A-Z0-9]+-(F[A-Z0-9]+)\//.exec(path)))
      return this.handleFileDownload(match[1] as string, req, res);
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'method_not_allowed' });
    if ((match = /^\/api\/([\w.]+)$/.exec(path))) return this.handleApiCall(match[1] as string, req, res, body);
    if ((match = /^\/response\/([^/]+)$/.exec(path))) {
      return this.handleResponseUrl(decodeURIComponent(match[1] as string), req, res, body);
    }
    if ((match = /^\/upload\/([^/]+)$/.exec(path))) return this.handleUpload(match[1] as string, req, res, body);
    sendJson(res, 404, { ok: false, error: 'unknown_route', path });
  }

  private async handleApiCall(method: string, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const args = parseApiArgs(req.headers['content-type'], body);
    const call: RecordedCall = { method, args, token: tokenOf(req, args), at: Date.now() };
    this.callLog.push(call);
    const answer = (status: number, answerBody: SlackBody, headers?: Record<string, string>): void => {
      call.answer = { status, body: answerBody };
      sendJson(res, status, answerBody, headers);
    };

    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined) {
      if (typeof failure === 'string') return answer(200, { ok: false, error: failure });
      if ('networkError' in failure) return void req.socket.destroy();
      if ('status' in failure) {
        return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      }
      await this.sleep(failure.delayMs);
    }

    if (this.options.requireToken && !call.token && !TOKENLESS_METHODS.has(method)) {
      return answer(200, { ok: false, error: 'not_authed' });
    }

    const rejection = this.blockKitRejection(method, args);
    if (rejection) return answer(200, rejection);

    const trigger = args.trigger_id ?? args.interactivity_pointer;
    // Slack refuses views.open / views.push without a trigger (or with one that is not a string).
    if (TRIGGER_METHODS.has(method) && (typeof trigger !== 'string' || trigger === '')) {
      return answer(200, { ok: false, error: 'invalid_arguments' });
    }
    const checkTrigger = this.options.triggerOnce && TRIGGER_METHODS.has(method) && typeof trigger === 'string';
    if (checkTrigger && this.usedTriggers.has(trigger)) {
      return answer(200, { ok: false, error: 'exchanged_trigger_id' });
    }

    const responder = this.responders.get(method);
    const result =
      responder === undefined
        ? defaultAnswer(method, args, this.ctx, call.token)
        : typeof responder === 'function'
          ? await responder(call)
          : responder;
    const finalBody = { ok: true, ...result };
    // A trigger is only spent when Slack accepted the call.
    if (checkTrigger && finalBody.ok === true) this.usedTriggers.add(trigger);
    answer(200, finalBody);
  }

  /** Slack's answer to a Block Kit violation, or undefined. Also records it in `violations`. */
  private blockKitRejection(method: string, args: Args): SlackBody | undefined {
    if (!this.options.checkBlockKit) return undefined;
    if (VIEW_METHODS.has(method)) {
      const messages = checkView(args.view);
      if (messages.length === 0) return undefined;
      this.violations.push({ source: method, messages, payload: args.view });
      // views.* report schema problems as invalid_arguments with json-pointer messages.
      return {
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) },
      };
    }
    if (MESSAGE_METHODS.has(method)) {
      const messages = checkMessage(args);
      if (messages.length === 0) return undefined;
      this.violations.push({
        source: method,
        messages,
        payload: { text: args.text, blocks: args.blocks, attachments: args.attachments },
      });
      // Slack says msg_too_long for text alone, invalid_blocks (with `errors`) when blocks are at fault.
      const blocksAtFault = messages.some((m) => /json-pointer:\/(blocks|attachments)/.test(m));
      return {
        ok: false,
        error: blocksAtFault ? 'invalid_blocks' : 'msg_too_long',
        errors: messages,
        response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) },
      };
    }
    return undefined;
  }

  private async handleResponseUrl(key: string, req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const parsed = parseApiArgs(req.headers['content-type'] ?? 'application/json', raw);
    // Some clients post `payload=<json>` forms to response_urls; Slack accepts both.
    const body = typeof parsed.payload === 'string' ? (JSON.parse(parsed.payload) as Record<string, unknown>) : parsed;
    this.responseLog.push({ key, body, at: Date.now() });

    const failure = this.failures.get(RESPONSE_URL)?.shift();
    if (failure !== undefined) {
      if (typeof failure === 'string') {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return void res.end(failure); // e.g. 'used_url', 'expired_url'
      }
      if ('networkError' in failure) return void req.socket.destroy();
      if ('status' in failure) {
        res.writeHead(429, { 'retry-after': String(failure.retryAfter), 'content-type': 'text/plain' });
        return void res.end('rate_limited');
      }
      await this.sleep(failure.delayMs);
    }

    const carriesMessage = body.text !== undefined || body.blocks !== undefined || body.attachments !== undefined;
    if (this.options.checkBlockKit && carriesMessage) {
      const messages = checkMessage(body);
      if (messages.length > 0) {
        this.violations.push({ source: RESPONSE_URL, messages, payload: body });
        // response_url (like incoming webhooks) answers a bad message with HTTP 400 and a bare error string;
        // Bolt's respond() turns that into a RespondError.
        res.writeHead(400, { 'content-type': 'text/plain' });
        return void res.end('invalid_blocks');
      }
    }
    sendJson(res, 200, { ok: true });
  }

  private async handleUpload(fileId: string, req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const failure = this.failures.get(UPLOAD)?.shift();
    if (failure !== undefined) {
      if (typeof failure === 'string') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        return void res.end(failure);
      }
      if ('networkError' in failure) return void req.socket.destroy();
      if ('status' in failure) {
        res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': String(failure.retryAfter) });
        return void res.end('ratelimited');
      }
      await this.sleep(failure.delayMs);
    }
    const upload = this.ctx.uploads.get(fileId);
    if (!upload) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('file_not_found');
    }
    upload.bytes = await uploadedBytes(req.headers['content-type'], raw);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${upload.bytes.length}`);
  }

  /**
   * url_private_download: the bytes for a GET with the bot token as `Authorization: Bearer`. Like Slack, a request
   * without a valid token is not refused with an error but answered with the sign-in page (HTML, status 200).
   */
  private handleFileDownload(fileId: string, req: IncomingMessage, res: ServerResponse): void {
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    const file = this.ctx.sharedFiles.get(fileId);
    const tokenOk = token !== undefined && (this.fileToken ? token === this.fileToken : token.startsWith('xoxb-'));
    const served = Boolean(file && tokenOk);
    this.downloadLog.push({ fileId, token, served });
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('file_not_found');
    }
    if (!tokenOk) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end('<!DOCTYPE html><html><head><title>Sign in | Slack</title></head><body></body></html>');
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(file.bytes.length),
    });
    res.end(file.bytes);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const pending = {
        timer: setTimeout(() => {
          this.pendingTimers.delete(pending);
          resolve();
        }, ms),
        resolve,
      };
      this.pendingTimers.add(pending);
    });
  }

  /** Slack timestamps: unique, increasing `seconds.microseconds`. */
  private nextTs(): string {
    this.lastTsMicros = Math.max(Date.now() * 1000, this.lastTsMicros + 1);
    const seconds = Math.floor(this.lastTsMicros / 1e6);
    return `${seconds}.${String(this.lastTsMicros % 1e6).padStart(6, '0')}`;
  }
}
