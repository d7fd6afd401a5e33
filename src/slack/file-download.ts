import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { WebClient } from '@slack/web-api';

export interface SlackFileInfo {
  id: string;
  name: string;
  size: number;
  urlPrivateDownload: string;
}

export class FileDownloadError extends Error {
  constructor(
    readonly reason: 'tooBig' | 'notFile' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/** files.info: the file's name, size and private download URL (needs the files:read scope). */
export async function slackFileInfo(client: WebClient, fileId: string): Promise<SlackFileInfo> {
  const answer = await client.files.info({ file: fileId });
  const file = answer.file;
  const url = file?.url_private_download ?? file?.url_private;
  if (!file || !url) throw new FileDownloadError('failed', `files.info gave no download URL for ${fileId}`);
  return { id: fileId, name: file.name ?? file.title ?? fileId, size: file.size ?? 0, urlPrivateDownload: url };
}

/** The token goes only to Slack's own hosts (or to the API host the client is pointed at, as in tests). */
function trustedUrl(url: string, apiUrl: string): boolean {
  try {
    const target = new URL(url);
    const api = new URL(apiUrl);
    const slackHost =
      target.protocol === 'https:' && (target.hostname === 'slack.com' || target.hostname.endsWith('.slack.com'));
    return slackHost || target.origin === api.origin;
  } catch {
    return false;
  }
}

/**
 * Streams a file's bytes from its private URL to `path` with the bot token (Authorization: Bearer), stopping as
 * soon as more than `maxBytes` arrive. Slack answers a request without a valid token with its HTML sign-in page
 * rather than an error, so an HTML answer is a failure too.
 */
export async function downloadSlackFile(
  client: WebClient,
  token: string,
  file: SlackFileInfo,
  path: string,
  maxBytes: number,
): Promise<number> {
  if (!trustedUrl(file.urlPrivateDownload, client.slackApiUrl))
    throw new FileDownloadError('failed', 'The file URL is not on a Slack host');
  const response = await fetch(file.urlPrivateDownload, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(120_000),
  });
  if (!response.ok || !response.body)
    throw new FileDownloadError('failed', `Download answered HTTP ${response.status}`);
  if ((response.headers.get('content-type') ?? '').includes('text/html'))
    throw new FileDownloadError('failed', 'Slack answered the download with a web page (token refused?)');
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) done(new FileDownloadError('tooBig', `More than ${maxBytes} bytes`));
      else done(null, chunk);
    },
  });
  await pipeline(
    Readable.fromWeb(response.body as unknown as WebReadableStream),
    limit,
    createWriteStream(path, { flags: 'wx', mode: 0o600 }),
  );
  return bytes;
}
