import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fetchDemo from '../../demos/fetch/index.js';
import { formatBytes } from '../../demos/fetch/http-client.js';
import { closedPort } from '../network.js';
import { runTwinOf, taskOf } from './twin-run.js';

let server: Server;
let base = '';

/** What the twin's HTTP client meets: a length, chunks, a status, too much, silence. */
const routes: Record<string, (response: ServerResponse) => void> = {
  '/ok': (response) => response.writeHead(200, { 'content-length': 5 }).end('hello'),
  '/chunked': (response) => {
    response.writeHead(200); // no length: Node sends it chunked
    response.write('x'.repeat(1000));
    setTimeout(() => response.end('y'.repeat(500)), 5);
  },
  '/missing': (response) => response.writeHead(404).end('no'),
  '/big': (response) => response.writeHead(200).end('z'.repeat(3000)),
  '/silent': () => {},
};

beforeAll(async () => {
  server = createServer((request, response) => routes[request.url ?? '']?.(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const target = (url: string) => ({ url: new URL(url), name: new URL(url).pathname, delayMs: null });

function run(variant: string, urls: string[], options = {}) {
  const state = { targets: urls.map(target) };
  return runTwinOf(fetchDemo, variant, { state, scale: 0.1, options });
}

describe('the asyncio twin of fetch', () => {
  it('reads bodies by length and chunked, and tells each failure', async () => {
    const refused = `http://127.0.0.1:${await closedPort()}/`;
    const paths = ['/ok', '/chunked', '/missing', '/big', '/silent'];
    const result = await run('concurrent', [...paths.map((path) => base + path), refused], {
      maxBytes: 2000,
      timeout: 300,
    });
    expect(taskOf(result, '/ok').result).toMatchObject({ status: 200, bytes: 5 });
    expect(taskOf(result, '/chunked').result).toMatchObject({ status: 200, bytes: 1500 });
    const errors = Object.fromEntries(result.tasks.map((task) => [task.name, task.error]));
    expect(errors).toMatchObject({
      '/missing · py': 'HTTP 404 Not Found',
      '/big · py': `body over the cap of ${formatBytes(2000)}`,
      // The timeout is not shortened by a scale below 1.
      '/silent · py': 'timed out after 0.3 s',
    });
    expect(errors['/ · py']).toBe(`connection refused by ${new URL(refused).host}`);
    expect(result.stats).toMatchObject({
      requests: 6,
      ok: 2,
      failed: 4,
      failures: { status: 1, 'too-large': 1, timeout: 1, refused: 1 },
      peakInFlight: 6,
    });
  });

  it('concurrent with a limit: a Semaphore keeps that many in flight', async () => {
    const result = await run('concurrent', [`${base}/ok`], { count: 6, limit: 2 });
    const inFlight = (result.counters.inFlight ?? []).map((sample) => sample.value);
    expect(Math.max(...inFlight)).toBe(2);
    expect(result.tasks.map((task) => task.name)).toEqual(
      ['/ok', '/ok #2', '/ok #3', '/ok #4', '/ok #5', '/ok #6'].map((name) => `${name} · py`),
    );
    expect(result.tasks.slice(2).every((task) => task.phases[0]?.name === 'waiting')).toBe(true);
  });

  it('sequential: one request at a time, in order', async () => {
    const result = await run('sequential', [`${base}/ok`, `${base}/chunked`]);
    const [first, second] = result.tasks;
    expect(second?.startMs).toBeGreaterThanOrEqual(first?.endMs ?? Infinity);
    expect(result.stats.peakInFlight).toBe(1);
  });
});
