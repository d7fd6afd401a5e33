import type { Server, ServerResponse } from 'node:http';

/** Response header with the milliseconds from the request's arrival to its answer being sent (test mode only). */
export const ACK_MS_HEADER = 'x-kontakt-ack-ms';

/**
 * Stamps every HTTP answer with the time the app spent on it: from the server receiving the request to the status
 * line being written (the ack, for Slack's requests). Measured where the time is spent, it is the part of Slack's
 * 3 s the app is responsible for, and unlike a client's stopwatch it does not grow when the machine sending the
 * request is busy. Tests read it; Slack ignores it.
 */
export function stampAckTimes(server: Server): void {
  server.prependListener('request', (_request, response: ServerResponse) => {
    const received = performance.now();
    const writeHead = response.writeHead;
    // Every answer passes here: an explicit writeHead, or end() without one (Node then calls writeHead itself).
    response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      if (!this.headersSent) this.setHeader(ACK_MS_HEADER, (performance.now() - received).toFixed(1));
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse['writeHead'];
  });
}
