import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeSlackApi } from '../harness/fake-slack-api';
import type { SlackHttpResponse } from '../harness/slack-request';

/**
 * With KONTAKT_CAPTURE_DIR set, the end-to-end tests keep every surface the app showed — modals (with what the
 * user typed and the inline errors it got), Home, ephemeral replies, channel posts and DMs — as a capture that
 * `scripts/render-surfaces.sh` (Slack's look, desktop and phone width) turns into pictures. Off otherwise.
 */

interface Shot {
  kind: 'modal' | 'home' | 'ephemeral' | 'message' | 'dm' | 'options';
  flow: string;
  label: string;
  via: string;
  surface: unknown;
  state?: unknown;
  errors?: Record<string, string>;
  pushed?: boolean;
}

const dir = process.env.KONTAKT_CAPTURE_DIR;

function fromExchange(body: string, response: SlackHttpResponse): Shot[] {
  const json = response.json as Record<string, unknown> | undefined;
  if (!json) return [];
  const params = new URLSearchParams(body);
  const payloadText = params.get('payload');
  if (!payloadText) {
    // A slash command answered in its ack.
    if (typeof json.text !== 'string' && !Array.isArray(json.blocks)) return [];
    return [{ kind: 'ephemeral', flow: '', label: params.get('text') ?? 'command', via: 'ack', surface: json }];
  }
  const payload = JSON.parse(payloadText) as { type?: string; view?: Record<string, unknown>; value?: string };
  if (payload.type === 'view_submission' && json.response_action === 'errors') {
    const view = payload.view ?? {};
    return [
      {
        kind: 'modal',
        flow: '',
        label: 'errors',
        via: 'view_submission',
        surface: view,
        state: view.state,
        errors: json.errors as Record<string, string>,
      },
    ];
  }
  if (payload.type === 'view_submission' && json.view) {
    return [
      { kind: 'modal', flow: '', label: String(json.response_action), via: 'ack', surface: json.view, pushed: true },
    ];
  }
  if (payload.type === 'block_suggestion' && Array.isArray(json.options)) {
    return [
      {
        kind: 'options',
        flow: '',
        label: 'typeahead',
        via: 'ack',
        surface: { options: json.options, query: payload.value },
      },
    ];
  }
  return [];
}

function fromFake(fake: FakeSlackApi): Shot[] {
  const shots: Shot[] = [];
  for (const call of fake.calls) {
    const args = call.args as Record<string, unknown>;
    const base = { flow: '', via: call.method, label: call.method };
    if (['views.open', 'views.push', 'views.update'].includes(call.method)) {
      shots.push({ ...base, kind: 'modal', surface: args.view, pushed: call.method === 'views.push' });
    } else if (call.method === 'views.publish') shots.push({ ...base, kind: 'home', surface: args.view });
    else if (call.method === 'chat.postEphemeral') shots.push({ ...base, kind: 'ephemeral', surface: args });
    else if (call.method === 'chat.postMessage' || call.method === 'chat.update') {
      const channel = String(args.channel ?? '');
      shots.push({ ...base, kind: /^[UWD]/.test(channel) ? 'dm' : 'message', surface: args });
    }
  }
  for (const response of fake.responses) {
    const inChannel = response.body.response_type === 'in_channel';
    shots.push({
      flow: '',
      via: 'response_url',
      label: 'respond',
      kind: inChannel ? 'message' : 'ephemeral',
      surface: response.body,
    });
  }
  return shots;
}

/** Hooks the capture into a test file's app; call from beforeEach/afterEach (no-op without KONTAKT_CAPTURE_DIR). */
export function surfaceCapture(file: string) {
  const shots: Shot[] = [];
  let pending: Shot[] = [];
  return {
    attach(app: { slack: { onExchange?: (body: string, response: SlackHttpResponse) => void } }) {
      if (!dir) return;
      app.slack.onExchange = (body, response) => pending.push(...fromExchange(body, response));
    },
    collect(testName: string, fake: FakeSlackApi) {
      if (!dir) return;
      for (const shot of [...fromFake(fake), ...pending]) shots.push({ ...shot, flow: testName.slice(0, 60) });
      pending = [];
    },
    write() {
      if (!dir || shots.length === 0) return;
      mkdirSync(dir, { recursive: true });
      const name = path.basename(file).replace(/\.test\.ts$/, '');
      writeFileSync(
        path.join(dir, `${name}.json`),
        JSON.stringify({ shots: shots.map((s, seq) => ({ seq, ...s })) }, null, 1),
      );
    },
  };
}
