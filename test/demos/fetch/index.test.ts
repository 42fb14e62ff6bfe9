import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fetchDemo, {
  fetchOptions,
  idealTime,
  localTargets,
  parseTarget,
  type FetchOptions,
} from '../../../demos/fetch/index.js';
import { runApp } from '../../../src/cli/app.js';
import { InvalidValueError } from '../../../src/engine/demo.js';
import type { JsonDocument } from '../../../src/render/json.js';
import { runDemo } from '../../../src/engine/lifecycle.js';
import type { RunResult } from '../../../src/engine/run-result.js';
import type { HttpClient } from '../../../demos/fetch/http-client.js';
import { startServer, type DemoServer } from '../../../src/server/server.js';
import { captureIo, defaultOptions } from '../../support.js';
import { closedPort, openSockets } from '../../network.js';

const run = promisify(execFile);
const defaults: FetchOptions = defaultOptions(fetchOptions);
const unusedClient: HttpClient = {
  start: () => {
    throw new Error('not for requests');
  },
  close: () => Promise.resolve(),
};

/** Runs variants as a session does: prepare, each variant in turn, dispose whatever happens. */
async function runPrepared(
  options: Partial<FetchOptions>,
  variants: string[],
  scale: number,
): Promise<{ runs: RunResult[]; notes: string[] }> {
  let notes: readonly string[] = [];
  const runs = await runDemo({
    demo: fetchDemo,
    options: { ...defaults, ...options },
    variants,
    scale,
    seed: 1,
    reporters: [{ onDemoStart: (_info, start) => void (notes = start.notes) }],
  });
  return { runs, notes: [...notes] };
}

const servers: DemoServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function testServer(scale: number): Promise<DemoServer> {
  const server = await startServer({ scale });
  servers.push(server);
  return server;
}

describe('fetch against its own local server (real clock)', () => {
  it('runs the four requests; concurrent takes about half of sequential; nothing left open', async () => {
    const { runs, notes } = await runPrepared({}, ['sequential', 'concurrent'], 0.1);
    const [sequential, concurrent] = runs as [RunResult, RunResult];
    expect(notes[0]).toMatch(/^local server http:\/\/127\.0\.0\.1:\d+ /);
    expect(sequential.idealMs).toBeCloseTo(600);
    expect(concurrent.idealMs).toBeCloseTo(300);

    for (const run of runs) {
      expect(run.tasks.map((task) => [task.name, task.status])).toEqual([
        ['/delay/2', 'ok'],
        ['/delay/1', 'ok'],
        ['/delay/3', 'ok'],
        ['/json', 'ok'],
      ]);
      // Each answer took at least its delay (timers never fire early).
      expect(run.tasks.map((task) => (task.endMs ?? 0) - task.startMs)).toSatisfy(
        (spans: number[]) => [200, 100, 300, 0].every((delay, i) => (spans[i] ?? 0) >= delay - 2),
      );
      expect(run.stats).toMatchObject({ requests: 4, ok: 4, failed: 0 });
    }
    const json = concurrent.tasks[3]?.result as { url: string; status: number; bytes: number };
    expect(json).toMatchObject({ status: 200, bytes: 88 });
    expect(json.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/json$/);

    // Sequential: each starts once the one before has ended. Concurrent: all start before any ends.
    for (let i = 1; i < 4; i++) {
      expect(sequential.tasks[i]?.startMs).toBeGreaterThanOrEqual(
        sequential.tasks[i - 1]?.endMs ?? 0,
      );
    }
    const firstEnd = Math.min(...concurrent.tasks.map((task) => task.endMs ?? 0));
    expect(Math.max(...concurrent.tasks.map((task) => task.startMs))).toBeLessThan(firstEnd);
    expect(concurrent.stats.peakInFlight).toBe(4);

    // 300 ms against 600 ms ideally (a ratio of 0.5); one after the other would be about 1.
    const ratio = concurrent.elapsedMs / sequential.elapsedMs;
    expect(ratio).toBeGreaterThan(0.2);
    expect(ratio).toBeLessThan(0.85);
    expect(await openSockets()).toEqual([]);
  });

  it('every failure is a row with its reason; the others go on', async () => {
    const server = await testServer(0.1);
    const port = await closedPort();
    const urls = [
      `http://127.0.0.1:${port}/`,
      'http://nohost.invalid/',
      `${server.url}/status/404`,
      `${server.url}/bytes/5000`,
      `${server.url}/delay/600`,
      `${server.url}/json`,
    ].map(parseTarget);
    // 1 s of timeout: well above a cold client's first request (undici compiles its parser then).
    const { runs } = await runPrepared(
      { urls, maxBytes: 1000, timeout: 1000 },
      ['concurrent', 'sequential'],
      0.1,
    );
    for (const run of runs) {
      expect(run.tasks.map((task) => [task.status, task.error])).toEqual([
        ['error', `connection refused by 127.0.0.1:${port}`],
        ['error', 'host not found: nohost.invalid'],
        ['error', 'HTTP 404 Not Found'],
        ['error', 'body over the cap of 1000 B'],
        ['error', 'timed out after 1 s'],
        ['ok', null],
      ]);
      expect(run.stats).toMatchObject({
        requests: 6,
        ok: 1,
        failed: 5,
        failures: { refused: 1, dns: 1, status: 1, 'too-large': 1, timeout: 1 },
      });
      expect(run.idealMs).toBeNull();
    }
    await server.close();
    expect(await openSockets()).toEqual([]);
  });

  it('runs its own server off the main thread, and leaves no listener after the demo', async () => {
    let listenersOnThisThread = -1;
    let notes: readonly string[] = [];
    const runs = await runDemo({
      demo: fetchDemo,
      options: defaults,
      variants: ['concurrent'],
      scale: 0.01,
      seed: 1,
      reporters: [
        {
          onDemoStart: (_info, start) => void (notes = start.notes),
          onVariantStart: () => {
            listenersOnThisThread = process
              .getActiveResourcesInfo()
              .filter((kind) => kind === 'TCPServerWrap').length;
          },
        },
      ],
    });
    expect(runs[0]?.stats).toMatchObject({ requests: 4, ok: 4 });
    expect(listenersOnThisThread).toBe(0);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(notes[0] ?? '')?.[0] ?? '';
    expect(notes[0]).toContain('on a thread of its own');
    await expect(fetch(`${url}/json`)).rejects.toThrow();
    expect(await openSockets()).toEqual([]);
  });

  it('a wait for one of the pool’s connections does not count against the timeout', async () => {
    // 300 allowed at once, 256 connections: 44 requests wait 2 s for one, then take 2 s.
    const server = await testServer(1);
    const urls = [parseTarget(`${server.url}/delay/2`)];
    const options = { urls, count: 300, limit: 300, timeout: 3000 };
    const { runs } = await runPrepared(options, ['concurrent'], 1);
    // In flight means on a connection: never more than the pool has.
    expect(runs[0]?.stats).toMatchObject({ requests: 300, ok: 300, failed: 0, peakInFlight: 256 });
    expect(server.counts().peakInFlight).toBe(256);
  });

  it('--limit: the server never sees more requests at once than the limit', async () => {
    const server = await testServer(0.05);
    const urls = [parseTarget(`${server.url}/delay/1`)];
    for (const count of [12, 60]) {
      server.resetPeak();
      const { runs } = await runPrepared({ urls, count, limit: 4 }, ['concurrent'], 1);
      const [run] = runs as [RunResult];
      expect(server.counts().peakInFlight).toBe(4);
      expect(run.stats).toMatchObject({ requests: count, ok: count, peakInFlight: 4 });
    }
  });
});

describe('fetch on the command line', () => {
  it('never shows or writes the credentials of a URL, and shortens a long one', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', scale: 0.01 });
    try {
      const withSecret = server.url.replace('//', '//user:secret@') + '/json';
      const long = `${server.url}/json?${'q'.repeat(100_000)}`;
      for (const json of [true, false]) {
        const io = captureIo();
        const argv = ['fetch', '--concurrent', '--url', withSecret, '--url', long];
        expect(await runApp([...argv, ...(json ? ['--json'] : [])], io.io)).toBe(0);
        expect(io.out + io.err).not.toContain('secret');
        expect(io.out).toContain('user:***@127.0.0.1');
        expect(Math.max(...io.out.split('\n').map((line) => line.length))).toBeLessThan(400);
      }
    } finally {
      await server.close();
    }
  });

  it('Ctrl-C mid-run exits 130 and leaves no server behind', async () => {
    const io = captureIo();
    const interrupt = new AbortController();
    const argv = ['fetch', '--concurrent', '--count', '30', '--no-color'];
    const running = runApp(argv, io.io, { signal: interrupt.signal });
    await vi.waitFor(() => expect(io.out).toContain('requests in batches'), { timeout: 10_000 });
    interrupt.abort();
    expect(await running).toBe(130);
    const url = /local server (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out)?.[1] ?? '';
    expect(url).not.toBe('');
    await expect(fetch(`${url}/json`)).rejects.toThrow();
    expect(await openSockets()).toEqual([]);
  });

  it('prints two error rows for a refused port and an unknown host, and exits 0', async () => {
    const port = await closedPort();
    const io = captureIo();
    const argv = ['fetch', '--concurrent', '--url', `http://127.0.0.1:${port}/`];
    const code = await runApp([...argv, '--url', 'http://nohost.invalid/', '--json'], io.io);
    expect(code).toBe(0);
    const document = JSON.parse(io.out) as JsonDocument;
    expect(document.runs[0]?.tasks.map((task) => [task.name, task.status])).toEqual([
      [`127.0.0.1:${port}/`, 'error'],
      ['nohost.invalid/', 'error'],
    ]);
    expect(io.err).toBe('');
  });

  it.each([
    ['ftp://example.com/', 'a URL is http:// or https://, not ftp://'],
    ['not a url', 'a URL starts with http:// or https://'],
  ])('an invalid --url %s is a one-line usage error', async (url, message) => {
    const io = captureIo();
    expect(await runApp(['fetch', '--url', url], io.io)).toBe(2);
    expect(io.err).toContain(message);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.out).toBe('');
  });

  it.each([
    ['--scale', '1e-320'],
    ['--limit', '0'],
    ['--count', '-1'],
    ['--timeout', '0'],
    ['--max-bytes', 'lots'],
  ])('%s %s is a one-line usage error', async (flag, value) => {
    const io = captureIo();
    expect(await runApp(['fetch', flag, value], io.io)).toBe(2);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('fetch options and ideal times', () => {
  it('parses http and https URLs, named by host and path', () => {
    expect(parseTarget('https://example.com/a/b?q=1')).toMatchObject({
      name: 'example.com/a/b',
      delayMs: null,
    });
    expect(() => parseTarget('file:///etc/passwd')).toThrow(InvalidValueError);
  });

  it('the four default requests: 6 s one after the other, 3 s at once', () => {
    const urls = localTargets('http://127.0.0.1:1', null);
    expect(urls.map((t) => [t.name, t.delayMs])).toEqual([
      ['/delay/2', 2000],
      ['/delay/1', 1000],
      ['/delay/3', 3000],
      ['/json', 0],
    ]);
    expect(idealTime(defaults, urls, 1)).toBe(6000);
    expect(idealTime(defaults, urls, Infinity)).toBe(3000);
    // Two at a time: 2 s and 1 s start; 3 s takes the slot free at 1 s; the JSON the one at 2 s.
    expect(idealTime(defaults, urls, 2)).toBe(4000);
  });

  it('--count: rounds of the limit', () => {
    const urls = localTargets('http://127.0.0.1:1', 1000);
    const options = { ...defaults, count: 1000 };
    expect(idealTime(options, urls, 100)).toBe(10_000);
    expect(idealTime(options, urls, 1000)).toBe(1000);
    expect(idealTime(options, urls, 1)).toBe(1_000_000);
  });

  it('concurrent: no more at once than the sockets one origin gets', () => {
    const urls = localTargets('http://127.0.0.1:1', 1000);
    const ideal = (limit: number | null) =>
      fetchDemo.variants.concurrent?.ideal(
        { ...defaults, count: 1000, limit },
        { client: unusedClient, targets: urls },
      );
    expect(ideal(100)).toBe(10_000);
    // 1,000 allowed, 256 sockets: four rounds, not one.
    expect(ideal(1000)).toBe(4000);
    expect(ideal(null)).toBe(4000);
  });

  it('no ideal for servers it does not know', () => {
    expect(idealTime(defaults, [parseTarget('http://example.com/')], 1)).toBeNull();
  });

  it('loads undici, node:http and node:dns only when a run needs them', async () => {
    // Importing undici installs its global dispatcher; Node lists the built-in modules it loaded.
    const script = `
      const loaded = () => ({
        undici: globalThis[Symbol.for('undici.globalDispatcher.2')] !== undefined,
        http: process.moduleLoadList.includes('NativeModule http'),
        dns: process.moduleLoadList.includes('NativeModule dns'),
      });
      await import('../demos/fetch/index.ts');
      const demo = loaded();
      const { registry: demos } = await import('../demos/index.ts');
      const registry = loaded().undici;
      const { createHttpClient } = await import('../demos/fetch/http-client.ts');
      await (await createHttpClient({ maxBodyBytes: 1 })).close();
      console.log(JSON.stringify({ demo, registry, run: loaded(), fetch: demos.some((d) => d.name === 'fetch') }));`;
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)) },
    );
    expect(JSON.parse(stdout)).toEqual({
      demo: { undici: false, http: false, dns: false },
      registry: false,
      run: { undici: true, http: true, dns: true },
      fetch: true,
    });
  });
});
