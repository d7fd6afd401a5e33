import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream/promises';
import type { WebClient } from '@slack/web-api';

export interface FileOnDisk {
  path: string;
  filename: string;
  title: string;
}

export interface ShareFilesRequest {
  channelId: string;
  initialComment: string;
  files: [FileOnDisk, ...FileOnDisk[]];
}

/**
 * Shares files from disk in one message, each file streamed from disk to Slack. `files.uploadV2` runs the same
 * three steps, but reads a file path (readFileSync) or a stream (every chunk concatenated) into one Buffer first,
 * so an export of any size would sit in memory whole; here a file travels in the read stream's 64 KiB chunks.
 *   1. files.getUploadURLExternal with the file's name and its size in bytes
 *   2. POST of the raw bytes to the upload URL (Slack takes raw bytes or multipart; the URL needs no token)
 *   3. files.completeUploadExternal for all files at once: one message in the channel, with the comment
 */
export async function shareFilesFromDisk(
  client: WebClient,
  share: ShareFilesRequest,
  options: { uploadIdleTimeoutMs: number },
): Promise<void> {
  const uploaded: { id: string; title: string }[] = [];
  for (const file of share.files) {
    const { size } = await stat(file.path);
    const target = await client.files.getUploadURLExternal({ filename: file.filename, length: size });
    if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal returned no upload URL');
    await postFile(target.upload_url, file.path, size, options.uploadIdleTimeoutMs);
    uploaded.push({ id: target.file_id, title: file.title });
  }
  const [first, ...rest] = uploaded;
  await client.files.completeUploadExternal({
    channel_id: share.channelId,
    initial_comment: share.initialComment,
    files: [first!, ...rest],
  });
}

/** POSTs the file's bytes to `url`; resolves on HTTP 200, rejects on any other answer, a socket error or a stall. */
async function postFile(url: string, file: string, size: number, idleTimeoutMs: number): Promise<void> {
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:')
    throw new Error(`The upload URL is not HTTP(S): ${target.protocol}`);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  let request: ClientRequest | undefined;
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    request = send(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': size },
        timeout: idleTimeoutMs,
      },
      resolve,
    );
    request.on('timeout', () => request?.destroy(new Error(`The upload stalled for ${idleTimeoutMs} ms`)));
    request.on('error', reject);
  });
  // Both must settle: the body is sent while the answer may already be on its way (or the request fail).
  const [sent, response] = await Promise.allSettled([pipeline(createReadStream(file), request!), answered]);
  if (response.status === 'rejected') throw response.reason;
  const body = await readText(response.value);
  if (response.value.statusCode !== 200)
    throw new Error(`The upload URL answered HTTP ${response.value.statusCode}: ${body.slice(0, 100)}`);
  if (sent.status === 'rejected') throw sent.reason;
}

async function readText(response: IncomingMessage): Promise<string> {
  let text = '';
  response.setEncoding('utf8');
  for await (const chunk of response) if (text.length < 1_000) text += String(chunk);
  return text;
}
