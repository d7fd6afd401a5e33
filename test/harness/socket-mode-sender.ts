/**
 * Hands Kontakt requests over Socket Mode, as envelopes on the fake's connection, and answers with the ack: the
 * Socket Mode side of SlackSender. Slash commands travel as `slash_commands`, shortcuts, block actions, view
 * submissions and options requests as `interactive`, events as `events_api` — the payloads themselves are the
 * same objects the HTTP sender signs and posts.
 */
import type { EnvelopeType, FakeSocketMode } from './fake-socket-mode';
import type { SlackDelivery, SlackSender } from './slack-sender';

export class SocketModeSender implements SlackSender {
  constructor(private readonly socket: FakeSocketMode) {}

  command(fields: object): Promise<SlackDelivery> {
    return this.deliver('slash_commands', fields);
  }

  interactive(payload: object): Promise<SlackDelivery> {
    return this.deliver('interactive', payload);
  }

  options(payload: object): Promise<SlackDelivery> {
    return this.deliver('interactive', payload);
  }

  event(envelope: object): Promise<SlackDelivery> {
    return this.deliver('events_api', envelope);
  }

  /** An ack without a payload is the empty HTTP 200 of the other mode. */
  private async deliver(type: EnvelopeType, payload: object): Promise<SlackDelivery> {
    const ack = await this.socket.deliver(type, payload);
    const empty = Object.keys(ack.payload).length === 0;
    return { status: 200, json: empty ? undefined : ack.payload, text: empty ? '' : JSON.stringify(ack.payload) };
  }
}
