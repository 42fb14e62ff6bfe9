import { defineDemo, statColumn, type DemoContext } from '../../src/engine/demo.js';
import {
  createHttpClient,
  DEFAULT_CONNECTIONS_PER_ORIGIN,
  type ClientOptions,
  type HttpClient,
} from './http-client.js';
import { formatCount } from '../../src/engine/format.js';
import { fetchOptions, type FetchOptions } from './options.js';
import { runRequests, type Target } from './requests.js';

export { fetchOptions, parseTarget, type FetchOptions } from './options.js';

// Prepared options are plain option values; the pooled client `prepare` made for them is here.
const clients = new WeakMap<FetchOptions, HttpClient>();

export default defineDemo({
  name: 'fetch',
  summary: 'many HTTP requests: one after the other, or all at once',
  hint:
    'Concurrent takes as long as the slowest request, sequential as long as all of them.\n' +
    'A failed request (refused, unknown host, timeout, non-2xx status, body too large) is a row\n' +
    'with its reason; the other requests go on. With no --url, a local server answers.',
  examples: [
    'async-demos fetch --scale 0.1',
    'async-demos fetch --concurrent --count 1000 --limit 100 --scale 0.1',
    'async-demos fetch --url http://127.0.0.1:9/ --url http://nohost.invalid/',
  ],
  options: fetchOptions,
  variants: {
    sequential: {
      summary: 'await each request before sending the next',
      ideal: (o) => idealTime(o, 1),
      run: (ctx) => runWith(ctx, 'sequential'),
    },
    concurrent: {
      summary: 'send every request at once (at most --limit in flight), then await them all',
      // One origin gets at most that many sockets (see clientOptions): more requests queue.
      ideal: (o) => idealTime(o, Math.min(o.limit ?? Infinity, DEFAULT_CONNECTIONS_PER_ORIGIN)),
      run: (ctx) => runWith(ctx, 'concurrent'),
    },
  },
  columns: [
    statColumn('Req/s', 'requestsPerSecond', wholeCount),
    statColumn('Failed', 'failed', wholeCount),
    statColumn('Peak in flight', 'peakInFlight', wholeCount),
  ],
  async prepare(values, { scale, signal }) {
    const client = await createHttpClient(clientOptions(values));
    if (values.urls.length > 0) {
      clients.set(values, client);
      return { options: values, dispose: () => client.close() };
    }
    const { startServer } = await import('../../src/server/server.js');
    const server = await startServer({ scale }).catch(async (error: unknown) => {
      await client.close();
      throw error;
    });
    // A few requests before the clock starts: undici compiles its HTTP parser on first use, the
    // code paths get warm, and the connection stays in the pool for the first request of the run.
    for (let i = 0; i < 3; i++) {
      await client.get(new URL('/delay/0', server.url), signal).catch(() => {});
    }
    const prepared = { ...values, urls: localTargets(server.url, values.count) };
    clients.set(prepared, client);
    return {
      options: prepared,
      notes: [`local server ${server.url} (started for this demo, closed at its end)`],
      dispose: async () => {
        await client.close();
        await server.close();
      },
    };
  },
});

async function runWith(ctx: DemoContext<FetchOptions>, mode: 'sequential' | 'concurrent') {
  const prepared = clients.get(ctx.options);
  if (prepared) {
    await runRequests(ctx, prepared, mode);
    return;
  }
  // Run without `prepare` (a test of one variant): a client of its own, for this run only.
  const client = await createHttpClient(clientOptions(ctx.options));
  try {
    await runRequests(ctx, client, mode);
  } finally {
    await client.close();
  }
}

/**
 * No more sockets than requests allowed in flight: a request that starts as another ends would
 * otherwise open a new connection before the pool sees the old one free again.
 */
function clientOptions({ maxBytes, limit }: FetchOptions): ClientOptions {
  const connections = Math.min(limit ?? Infinity, DEFAULT_CONNECTIONS_PER_ORIGIN);
  return { maxBodyBytes: maxBytes, connectionsPerOrigin: connections };
}

/** The four requests of the scenario, or `count` requests that each answer after 1 s. */
export function localTargets(base: string, count: number | null): Target[] {
  const delayed = (seconds: number): Target => ({
    url: new URL(`/delay/${seconds}`, base),
    name: `/delay/${seconds}`,
    delayMs: seconds * 1000,
  });
  if (count !== null) return [delayed(1)];
  return [
    delayed(2),
    delayed(1),
    delayed(3),
    { url: new URL('/json', base), name: '/json', delayMs: 0 },
  ];
}

/**
 * What a perfect scheduler would take with `slots` requests at once, each taking its server's
 * delay: requests start in order, each on the slot that frees first. Null for unknown servers.
 */
export function idealTime(options: FetchOptions, slots: number): number | null {
  const { urls: targets, count } = options;
  if (targets.length === 0 || targets.some((t) => t.delayMs === null)) return null;
  const total = count ?? targets.length;
  const delayAt = (i: number) => targets[i % targets.length]?.delayMs ?? 0;
  if (targets.every((t) => t.delayMs === targets[0]?.delayMs)) {
    // Equal delays (the --count case): whole rounds of `slots` requests.
    return Math.ceil(total / Math.min(slots, total)) * delayAt(0);
  }
  const ends: number[] = [];
  for (let i = 0; i < total; i++) {
    if (ends.length < slots) ends.push(delayAt(i));
    else {
      const first = ends.indexOf(Math.min(...ends));
      ends[first] = (ends[first] ?? 0) + delayAt(i);
    }
  }
  return Math.max(0, ...ends);
}

function wholeCount(value: number): string {
  return formatCount(Math.round(value));
}
