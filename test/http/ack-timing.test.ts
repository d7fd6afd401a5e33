import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACK_MS_HEADER, stampAckTimes } from '../../src/http/ack-timing';
import { SlackRequestSender } from '../harness/slack-request';

const WAIT_MS = 60;
let server: Server;
let url: string;

beforeAll(async () => {
  // Answers after WAIT_MS, in the three ways a Node handler (and Bolt) can write a response.
  server = createServer((request, response) => {
    setTimeout(() => {
      if (request.url === '/implicit') {
        response.setHeader('content-type', 'text/plain');
        response.end('ok');
      } else if (request.url === '/headers') response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      else response.writeHead(404, ['content-type', 'text/plain']).end('no');
    }, WAIT_MS);
  });
  stampAckTimes(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('stampAckTimes', () => {
  it.each(['/implicit', '/headers', '/raw-headers'])(
    '%s: the answer carries the time the server spent on it (at least the handler’s wait)',
    async (path) => {
      const response = await fetch(`${url}${path}`);
      const ackMs = Number(response.headers.get(ACK_MS_HEADER));
      // A lower bound only: the time is the server's own, however busy the machine is.
      expect(ackMs).toBeGreaterThanOrEqual(WAIT_MS - 1);
      expect(response.headers.get('content-type')).toBe('text/plain');
    },
  );

  it('is what the test harness reports as a response’s ackMs', async () => {
    const sender = new SlackRequestSender({ url: `${url}/implicit`, signingSecret: 'secret' });
    const response = await sender.command({ command: '/contact', text: 'help' });
    expect(response.ackMs).toBeGreaterThanOrEqual(WAIT_MS - 1);
  });
});
