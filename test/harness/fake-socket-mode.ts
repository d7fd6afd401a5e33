/**
 * A local stand-in for Slack's Socket Mode, beside the fake Web API: `apps.connections.open` (answered by
 * FakeSlackApi) hands out a one-time `ws://127.0.0.1:PORT/link/?ticket=…` URL; a connection to it gets Slack's
 * `hello`, then envelopes shaped as Slack documents them (docs.slack.dev/apis/events-api/using-socket-mode):
 *
 *   { envelope_id, type: 'slash_commands' | 'interactive' | 'events_api', payload, accepts_response_payload,
 *     retry_attempt, retry_reason }            (the retry fields on events_api only, as Slack sends them)
 *
 * and every ack the app sends back (`{ envelope_id, payload? }`) is recorded by envelope id with its payload.
 *
 * It behaves like Slack where the app could get it wrong: a ticket works once; `disconnect()` sends Slack's
 * `disconnect` message and `drop()` cuts the sockets without one; events that find no open connection, or whose
 * connection closed before the ack, are re-sent on the next connection with `retry_attempt` + 1, as Slack
 * retries events; a command or interaction with no connection fails as Slack's `dispatch_failed` would.
 *
 *   const socket = await FakeSocketMode.start(fakeSlackApi);
 *   const ack = await socket.deliver('slash_commands', slashCommand({ text: 'help' }));
 *   expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { FakeSlackApi } from './fake-slack-api';
import { Recorder } from './recorder';
import { DEFAULT_APP_ID } from './workspace-defaults';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: object;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface RecordedAck {
  envelope_id: string;
  /** What the app put in the ack (`{}` for a bare ack). */
  payload: Record<string, unknown>;
  at: number;
}

export interface FakeSocketModeOptions {
  /** The app id Slack's hello names (`connection_info.app_id`). Default: the harness's app. */
  appId?: string;
}

interface Connection {
  id: number;
  socket: WebSocket;
  /** Envelopes sent on this connection and not acked yet. */
  unacked: Map<string, Envelope>;
}

/** Interactive payloads whose reply travels in the ack (Slack's docs mark these accepts_response_payload). */
const RESPONDING_INTERACTIONS = new Set(['view_submission', 'block_suggestion', 'block_actions']);

export class FakeSocketMode {
  readonly appId: string;
  private readonly ackLog = new Recorder<RecordedAck>();
  private readonly helloLog = new Recorder<number>();
  private readonly tickets = new Set<string>();
  private readonly open = new Map<number, Connection>();
  /** Events waiting for a connection (Slack retries events until the app acks them). */
  private readonly held: Envelope[] = [];
  private nextConnectionId = 1;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    private readonly origin: string,
    options: FakeSocketModeOptions,
  ) {
    this.appId = options.appId ?? DEFAULT_APP_ID;
  }

  /** Starts the server and makes `api` answer `apps.connections.open` with its URLs. */
  static async start(api: FakeSlackApi, options: FakeSocketModeOptions = {}): Promise<FakeSocketMode> {
    const server = createServer((_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain' });
      res.end('Socket Mode speaks WebSocket only');
    });
    const wss = new WebSocketServer({ noServer: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSocketMode(server, wss, `ws://127.0.0.1:${port}`, options);
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const ticket = url.searchParams.get('ticket') ?? '';
      // A link URL is single-use: a stale or unknown one is refused, so a reconnect must ask for a new one.
      if (url.pathname !== '/link/' || !fake.tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => fake.accept(ws));
    });
    api.serveSocketMode(() => fake.issueUrl());
    return fake;
  }

  /** A fresh one-time link URL, as apps.connections.open returns it. */
  issueUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${this.origin}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  // ---- what happened ---------------------------------------------------------------------------

  /** How many connections were ever opened (each got a hello). */
  get connectionsOpened(): number {
    return this.helloLog.items.length;
  }

  /** Connections open right now. */
  get openConnections(): number {
    return this.open.size;
  }

  get acks(): readonly RecordedAck[] {
    return this.ackLog.items;
  }

  /** Resolves once `count` connections in all have been opened (greeted with hello). */
  async waitForConnections(count: number, timeoutMs = 15_000): Promise<void> {
    await this.helloLog.waitFor(
      () => this.connectionsOpened >= count,
      timeoutMs,
      () => `FakeSocketMode: ${this.connectionsOpened} connection(s) opened, not ${count}, within ${timeoutMs} ms`,
    );
  }

  /** The app's ack for `envelopeId`, recorded already or arriving within `timeoutMs`. */
  waitForAck(envelopeId: string, timeoutMs = 10_000): Promise<RecordedAck> {
    return this.ackLog.waitFor(
      (ack) => ack.envelope_id === envelopeId,
      timeoutMs,
      () =>
        `FakeSocketMode: no ack for envelope ${envelopeId} within ${timeoutMs} ms. Acks seen: ${
          this.acks.map((a) => a.envelope_id).join(', ') || '(none)'
        }`,
    );
  }

  // ---- sending ---------------------------------------------------------------------------------

  /** Builds the envelope Slack would send for `payload`. */
  envelope(type: EnvelopeType, payload: object): Envelope {
    const kind = (payload as { type?: string }).type ?? '';
    const envelope: Envelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      accepts_response_payload:
        type === 'slash_commands' || (type === 'interactive' && RESPONDING_INTERACTIONS.has(kind)),
    };
    return type === 'events_api' ? { ...envelope, retry_attempt: 0, retry_reason: '' } : envelope;
  }

  /** Sends `payload` as Slack would and resolves with the app's ack. */
  async deliver(type: EnvelopeType, payload: object, timeoutMs?: number): Promise<RecordedAck> {
    const envelope = this.envelope(type, payload);
    if (!this.send(envelope)) {
      if (type !== 'events_api') {
        throw new Error(
          `FakeSocketMode: no open connection for a ${type} envelope; Slack would show the user dispatch_failed`,
        );
      }
      this.held.push(envelope);
    }
    // Acks arrive over the socket, never synchronously: waiting after sending misses none.
    return this.waitForAck(envelope.envelope_id, timeoutMs);
  }

  /** Slack's `disconnect` message on every open connection (`refresh_requested`, `warning`, `link_disabled`). */
  disconnect(reason = 'refresh_requested'): void {
    for (const { socket } of this.open.values()) {
      socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } }));
    }
  }

  /** Cuts every connection without a close frame, as a network failure would. */
  drop(): void {
    for (const { socket } of this.open.values()) socket.terminate();
  }

  async close(): Promise<void> {
    this.drop();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- connections -----------------------------------------------------------------------------

  private accept(socket: WebSocket): void {
    const connection: Connection = { id: this.nextConnectionId++, socket, unacked: new Map() };
    this.open.set(connection.id, connection);
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.receive(connection, data.toString());
    });
    socket.on('close', () => this.lose(connection));
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.open.size,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.helloLog.push(connection.id);
    for (const envelope of this.held.splice(0)) this.send(envelope);
  }

  private receive(connection: Connection, text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.envelope_id !== 'string') return;
    connection.unacked.delete(message.envelope_id);
    const payload =
      typeof message.payload === 'object' && message.payload !== null
        ? (message.payload as Record<string, unknown>)
        : {};
    this.ackLog.push({ envelope_id: message.envelope_id, payload, at: Date.now() });
  }

  /** An event delivered on a connection that closed before its ack is retried on the next one. */
  private lose(connection: Connection): void {
    this.open.delete(connection.id);
    for (const envelope of connection.unacked.values()) {
      if (envelope.type === 'events_api') {
        this.held.push({ ...envelope, retry_attempt: (envelope.retry_attempt ?? 0) + 1, retry_reason: 'timeout' });
      }
    }
    connection.unacked.clear();
  }

  /** Sends on the newest open connection; false when there is none. */
  private send(envelope: Envelope): boolean {
    const connection = [...this.open.values()].reverse().find((c) => c.socket.readyState === WebSocket.OPEN);
    if (!connection) return false;
    connection.unacked.set(envelope.envelope_id, envelope);
    connection.socket.send(JSON.stringify(envelope));
    return true;
  }
}
