/** A pass-through TCP proxy that records the opcode of every frame in each direction. */
import net from 'node:net';

export interface Seen {
  dir: 'toServer' | 'toClient';
  opCode: number;
  /** For OP_COMPRESSED: the wrapped opcode and compressor id. */
  originalOpcode?: number;
  compressorId?: number;
}

export interface Proxy {
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

function recorder(dir: Seen['dir'], seen: Seen[]): (chunk: Buffer) => void {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 16) {
      const len = buf.readInt32LE(0);
      if (buf.length < len) break;
      const opCode = buf.readInt32LE(12);
      const s: Seen = { dir, opCode };
      if (opCode === 2012 && len >= 25) {
        s.originalOpcode = buf.readInt32LE(16);
        s.compressorId = buf.readUInt8(24);
      }
      seen.push(s);
      buf = buf.subarray(len);
    }
  };
}

export function startProxy(upstreamHost: string, upstreamPort: number): Promise<Proxy> {
  const seen: Seen[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: upstreamHost, port: upstreamPort });
    sockets.add(client);
    sockets.add(upstream);
    const toServer = recorder('toServer', seen);
    const toClient = recorder('toClient', seen);
    client.on('data', (d: Buffer) => {
      toServer(d);
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      toClient(d);
      client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        port,
        seen,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}
