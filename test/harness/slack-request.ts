/**
 * Sends requests to the app's Bolt HTTP receiver the way Slack does: same encodings, same signature.
 *
 * Bolt verifies `X-Slack-Signature = 'v0=' + hex(HMAC-SHA256(secret, 'v0:' + timestamp + ':' + rawBody))`
 * over the exact bytes received and refuses timestamps older than 5 minutes, so the body is serialized
 * once and that string is both signed and sent. The `signing` option produces the bad cases Slack never
 * sends but an attacker might (wrong secret, stale, malformed, missing) to prove the app refuses them.
 */
import { createHmac } from 'node:crypto';

export interface SlackRequestSenderOptions {
  /** The receiver endpoint, e.g. `http://127.0.0.1:3000/slack/events`. */
  url: string;
  signingSecret: string;
}

export type SigningMode = 'valid' | 'wrong-secret' | 'stale' | 'malformed' | 'none';

export interface SendOptions {
  /** Default 'valid'. 'stale' signs correctly but with a timestamp 6 minutes old. */
  signing?: SigningMode;
  /** Unix seconds to sign with (overrides the mode's choice). */
  timestamp?: number;
  /** Extra headers, e.g. `{ 'x-slack-retry-num': '1' }`. */
  headers?: Record<string, string>;
}

export interface EventSendOptions extends SendOptions {
  /** Slack's retry headers, sent when it did not get a 2xx in time (1–3). */
  retryNum?: number;
  retryReason?: 'http_timeout' | 'http_error' | 'too_many_requests' | 'ssl_error' | 'connection_failed' | string;
}

export interface RawSendOptions extends SendOptions {
  contentType?: string;
  /** A literal X-Slack-Signature value; skips computing one. */
  signature?: string;
}

export interface SlackHttpResponse {
  status: number;
  text: string;
  /** The body parsed as JSON when it is JSON, otherwise undefined. */
  json: unknown;
  headers: Headers;
  /** Time until the response was complete: Slack gives up after 3 s. */
  elapsedMs: number;
}

const STALE_BY_SECONDS = 6 * 60;
const FORM = 'application/x-www-form-urlencoded';

/** Slack's request signature for `rawBody` sent at `timestamp` (unix seconds). */
export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

function formEncode(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    params.append(
      key,
      typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value),
    );
  }
  return params.toString();
}

export class SlackRequestSender {
  readonly url: string;
  private readonly signingSecret: string;
  /** Sees every request body sent and its answer (the surface capture uses it to keep acks with messages). */
  onExchange?: (body: string, response: SlackHttpResponse) => void;

  constructor(options: SlackRequestSenderOptions) {
    this.url = options.url;
    this.signingSecret = options.signingSecret;
  }

  /** A slash command: the fields form-encoded, as Slack posts them. */
  command(fields: Record<string, unknown>, options?: SendOptions): Promise<SlackHttpResponse> {
    return this.raw(formEncode(fields), { contentType: FORM, ...options });
  }

  /** Shortcuts, block_actions, view_submission, view_closed: one form field `payload=<JSON>`. */
  interactive(payload: object, options?: SendOptions): Promise<SlackHttpResponse> {
    return this.raw(formEncode({ payload: JSON.stringify(payload) }), { contentType: FORM, ...options });
  }

  /** block_suggestion (options load URL): encoded like interactivity; the ack body carries the options. */
  options(payload: object, options?: SendOptions): Promise<SlackHttpResponse> {
    return this.interactive(payload, options);
  }

  /** Events API: a JSON envelope (event_callback, url_verification…), optionally as a retry. */
  event(envelope: object, options: EventSendOptions = {}): Promise<SlackHttpResponse> {
    const { retryNum, retryReason, headers, ...rest } = options;
    const retryHeaders: Record<string, string> = {};
    if (retryNum !== undefined) retryHeaders['x-slack-retry-num'] = String(retryNum);
    if (retryReason !== undefined) retryHeaders['x-slack-retry-reason'] = retryReason;
    return this.raw(JSON.stringify(envelope), {
      contentType: 'application/json',
      headers: { ...retryHeaders, ...headers },
      ...rest,
    });
  }

  /** Sends `body` byte-for-byte, signed per `options.signing` (for malformed or hand-made requests). */
  async raw(body: string, options: RawSendOptions = {}): Promise<SlackHttpResponse> {
    const signing = options.signing ?? 'valid';
    const now = Math.floor(Date.now() / 1000);
    const timestamp = options.timestamp ?? (signing === 'stale' ? now - STALE_BY_SECONDS : now);
    const headers: Record<string, string> = { 'content-type': options.contentType ?? FORM };
    if (signing !== 'none') {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = options.signature ?? this.signatureFor(signing, timestamp, body);
    }
    Object.assign(headers, options.headers);

    const started = performance.now();
    const response = await fetch(this.url, { method: 'POST', headers, body });
    const text = await response.text();
    const elapsedMs = performance.now() - started;
    let json: unknown;
    try {
      json = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const answer = { status: response.status, text, json, headers: response.headers, elapsedMs };
    this.onExchange?.(body, answer);
    return answer;
  }

  private signatureFor(signing: SigningMode, timestamp: number, body: string): string {
    switch (signing) {
      case 'wrong-secret':
        return slackSignature(`${this.signingSecret}-wrong`, timestamp, body);
      case 'malformed':
        return 'v0=not-a-hex-digest';
      default:
        return slackSignature(this.signingSecret, timestamp, body);
    }
  }
}
