/**
 * How a test hands Kontakt a request from Slack, whichever way Slack delivers it: signed HTTP requests to the
 * receiver (SlackRequestSender) or envelopes over a Socket Mode connection (SocketModeSender). Flows written
 * against this run unchanged in both modes, so what the user sees can be compared between them.
 */
export interface SlackDelivery {
  /** 200 once Kontakt acknowledged (the HTTP status in HTTP mode). */
  status: number;
  /** The acknowledgement's body: what travels in the ack (command reply, view errors, options), else undefined. */
  json: unknown;
  text: string;
}

export interface SlackSender {
  /** A slash command (its fields as Slack sends them, all strings). */
  command(fields: object): Promise<SlackDelivery>;
  /** Shortcuts, block_actions, view_submission, view_closed. */
  interactive(payload: object): Promise<SlackDelivery>;
  /** block_suggestion: the ack carries the options. */
  options(payload: object): Promise<SlackDelivery>;
  /** An Events API `event_callback` envelope. */
  event(envelope: object): Promise<SlackDelivery>;
}
