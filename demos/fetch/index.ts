import { defineDemo, type DemoContext } from '../../src/engine/demo.js';
import {
  createHttpClient,
  DEFAULT_CONNECTIONS_PER_ORIGIN,
  get,
  type ClientOptions,
} from './http-client.js';
import { fetchOptions, type FetchOptions } from './options.js';
import { shownUrl, stretchedTimeout } from './request.js';
import {
  BIG_RUN_LIMIT,
  ROWS_PER_REQUEST_UP_TO,
  runRequests,
  type Requests,
  type Target,
} from './requests.js';

export { fetchOptions, parseTarget, type FetchOptions } from './options.js';

export default defineDemo({
  name: 'fetch',
  summary: 'many HTTP requests: one after the other, or all at once',
  lesson: 'Requests mostly wait on the network: send them together, within a limit.',
  hint:
    'Concurrent takes as long as the slowest request, sequential as long as all of them.\n' +
    'A failed request (refused, unknown host, timeout, non-2xx status, body too large) is a row\n' +
    'with its reason; the other requests go on. With no --url, a local server answers.',
  inAsyncio: [
    'asyncio has no HTTP client in the standard library (aiohttp or httpx are usual); a timeout is asyncio.wait_for or asyncio.timeout, here a deadline on the demo clock that starts once the request has a connection (aiohttp ClientTimeout(total=…) counts the wait for one from the pool too).',
  ],
  examples: [
    'async-demos fetch --scale 0.1',
    'async-demos fetch --concurrent --count 1000 --limit 100 --scale 0.1',
    'async-demos fetch --url http://127.0.0.1:9/ --url http://nohost.invalid/',
  ],
  options: fetchOptions,
  asyncioTwin: {
    variants: ['sequential', 'concurrent'],
    // Past that many, the Node run summarises in batches; the twin makes a task per request.
    unsupported: ({ count, urls }) =>
      (count ?? urls.length) > ROWS_PER_REQUEST_UP_TO
        ? `the asyncio twin makes at most ${ROWS_PER_REQUEST_UP_TO} requests (--count, --url)`
        : null,
    // The same URLs as the Node run, the local server's included: started by prepare.
    input: ({ limit, timeout, count, maxBytes }, { targets }: Requests) => ({
      targets: targets.map(({ url, name }) => ({ url: url.href, shown: shownUrl(url), name })),
      limit,
      timeout,
      count,
      maxBytes,
    }),
  },
  taskNames: (_, { targets }: Requests) => targets.map((target) => target.name),
  /** One pooled client for every variant, and a local server unless --url names others. */
  async prepare(options, { scale, signal }) {
    const client = await createHttpClient(clientOptions(options, scale));
    if (options.urls.length > 0) {
      return { state: { client, targets: options.urls }, dispose: () => client.close() };
    }
    // On a thread of its own: a run measures the client, not the server's share of one thread.
    const { startServerOffThread } = await import('../../src/server/off-thread.js');
    const server = await startServerOffThread({ scale }).catch(async (error: unknown) => {
      await client.close();
      throw error;
    });
    // A few requests before the clock starts: undici compiles its HTTP parser on first use, the
    // code paths get warm, and the connection stays in the pool for the first request of the run.
    for (let i = 0; i < 3; i++) {
      await get(client, new URL('/delay/0', server.url), signal).catch(() => {});
    }
    const state: Requests = { client, targets: localTargets(server.url, options.count) };
    return {
      state,
      notes: [`local server ${server.url} on a thread of its own (closed at the demo's end)`],
      dispose: async () => {
        await client.close();
        await server.close();
      },
    };
  },
  variants: {
    sequential: {
      summary: 'await each request before sending the next',
      ideal: (o, { targets }) => idealTime(o, targets, 1),
      run: (ctx) => runWith(ctx, 'sequential'),
    },
    concurrent: {
      summary: ({ limit }) =>
        limit === null
          ? 'send every request at once, then await them all (--limit caps those in flight; ' +
            `over ${ROWS_PER_REQUEST_UP_TO} requests, ${BIG_RUN_LIMIT} by default)`
          : `send every request at once (at most ${limit} in flight), then await them all`,
      // One origin gets at most that many sockets (see clientOptions): more requests queue.
      ideal: (o, { targets }) =>
        idealTime(o, targets, Math.min(o.limit ?? Infinity, DEFAULT_CONNECTIONS_PER_ORIGIN)),
      run: (ctx) => runWith(ctx, 'concurrent'),
    },
  },
  columns: [
    { header: 'Req/s', stat: 'requestsPerSecond', format: 'count' },
    { header: 'Failed', stat: 'failed', format: 'count' },
    { header: 'Peak in flight', stat: 'peakInFlight', format: 'count' },
  ],
});

function runWith(ctx: DemoContext<FetchOptions, Requests>, mode: 'sequential' | 'concurrent') {
  return runRequests(ctx, ctx.state, mode);
}

/**
 * No more sockets than requests allowed in flight: a request that starts as another ends would
 * otherwise open a new connection before the pool sees the old one free again.
 */
function clientOptions({ maxBytes, limit, timeout }: FetchOptions, scale: number): ClientOptions {
  const connections = Math.min(limit ?? Infinity, DEFAULT_CONNECTIONS_PER_ORIGIN);
  return {
    maxBodyBytes: maxBytes,
    connectionsPerOrigin: connections,
    // No longer to connect than a request may take in all.
    connectTimeoutMs: stretchedTimeout(timeout, scale),
  };
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
export function idealTime(
  { count }: FetchOptions,
  targets: readonly Target[],
  slots: number,
): number | null {
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
