/**
 * Reading and decoding request bodies the way Slack's Web API accepts them.
 *
 * @slack/web-api sends `application/x-www-form-urlencoded` and JSON-stringifies every non-scalar argument
 * (view, blocks, attachments, files…); other clients (and Bolt's respond()) send `application/json`.
 * The fake decodes both into the same plain object so tests can assert on `args.view.title.text` whatever
 * the client chose.
 */
import type { IncomingMessage } from 'node:http';

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Form fields that carry JSON in Slack's Web API. Only these are decoded, so free text such as
 * `text=[1,2]` stays the string the app sent. Scalars stay strings too (`unfurl_links=false`), as Slack
 * receives them.
 */
const JSON_FORM_FIELDS = new Set([
  'view',
  'blocks',
  'attachments',
  'metadata',
  'files',
  'options',
  'option_groups',
  'profile',
  'unfurls',
  'user_auth_blocks',
  'dialog',
  'outputs',
  'inputs',
  'channels_with_access',
]);

function decodeJsonField(key: string, value: string): unknown {
  if (!JSON_FORM_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value; // left as sent, so the Block Kit check reports "must be an object"
  }
}

export function parseForm(raw: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) args[key] = decodeJsonField(key, value);
  return args;
}

/** Decodes a Web API request body into its arguments; unparseable bodies become `{}` plus `_raw`. */
export function parseApiArgs(contentType: string | undefined, body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.length === 0) return {};
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
    } catch {
      // fall through to `_raw`
    }
    return { _raw: text };
  }
  return parseForm(text);
}

/** `Authorization: Bearer xoxb-…` wins over a `token` argument, as in Slack's Web API. */
export function tokenOf(req: IncomingMessage, args: Record<string, unknown>): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  if (match?.[1]) return match[1];
  return typeof args.token === 'string' ? args.token : undefined;
}

/** The bytes of a file upload: multipart (what @slack/web-api sends, field `body` or `file`) or raw. */
export async function uploadedBytes(contentType: string | undefined, body: Buffer): Promise<Buffer> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return body;
  // Node's fetch Request parses multipart for us; no dependency needed.
  const form = await new Request('http://fake.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  const first = form.values().next();
  return Buffer.from(first.done ? '' : String(first.value));
}
