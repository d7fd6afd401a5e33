/**
 * Server-side ack time inside an app's process: from the moment Node parsed a request's headers
 * (diagnostics_channel `http.server.request.start`) until the app called `response.end()` with its ack (the bytes
 * go to the socket then). Not the response's 'finish' event: that waits until the app's synchronous work after the
 * ack yields, which is not ack latency.
 * Unlike the round trip the bench measures, it leaves out the client's wait for a CPU: on two cores, the work an
 * app does right after acking (its own and the database's) can delay the bench reading the ack.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { ServerResponse, type IncomingMessage } from 'node:http';

const MAX_TIMES = 100_000;

export class ServerTiming {
  private times: number[] = [];
  private readonly started = new WeakMap<object, bigint>();

  constructor() {
    diagnosticsChannel.subscribe('http.server.request.start', (message) => {
      this.started.set((message as { request: object }).request, process.hrtime.bigint());
    });
    const prototype = ServerResponse.prototype as unknown as {
      end: (this: ServerResponse<IncomingMessage>, ...args: unknown[]) => unknown;
    };
    const end = prototype.end;
    const record = (request: object) => {
      const at = this.started.get(request);
      if (at === undefined) return;
      this.started.delete(request);
      if (this.times.length < MAX_TIMES) this.times.push(Number(process.hrtime.bigint() - at) / 1e6);
    };
    prototype.end = function (this: ServerResponse<IncomingMessage>, ...args: unknown[]) {
      record(this.req);
      return end.apply(this, args);
    };
  }

  /** The times (ms) of the responses finished since the last take, in order. */
  take(): number[] {
    const taken = this.times;
    this.times = [];
    return taken;
  }
}

/**
 * The memory figures a child reports on request. With `collect` (and node's --expose-gc), also the heap still in
 * use after a full garbage collection: live data, which tells a leak from a heap V8 simply has not collected yet.
 */
export function memoryReport(collect = false): Record<string, number> {
  const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const usage = process.memoryUsage();
  const report: Record<string, number> = {
    rssMiB: mib(usage.rss),
    heapTotalMiB: mib(usage.heapTotal),
    heapUsedMiB: mib(usage.heapUsed),
    externalMiB: mib(usage.external),
    arrayBuffersMiB: mib(usage.arrayBuffers),
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collect && gc) {
    gc();
    const after = process.memoryUsage();
    report.liveHeapMiB = mib(after.heapUsed);
    report.rssAfterGcMiB = mib(after.rss);
  }
  return report;
}
