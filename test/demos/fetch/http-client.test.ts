import { createServer, type LookupFunction, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createHttpClient,
  get,
  formatBytes,
  RequestError,
  skipInvalidNames,
  toRequestError,
  type HttpClient,
} from '../../../demos/fetch/http-client.js';
import { startServer, type DemoServer } from '../../../src/server/server.js';
import { closedPort, openSockets } from '../../network.js';

async function failure(promise: Promise<unknown>): Promise<RequestError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof RequestError))
    throw new Error(`expected a RequestError, got ${String(error)}`);
  return error;
}

describe('HttpClient against the local server', () => {
  let server: DemoServer;
  let client: HttpClient;
  const signal = new AbortController().signal;
  const url = (path: string) => new URL(path, server.url);

  beforeAll(async () => {
    server = await startServer({ scale: 0.05 });
    client = await createHttpClient({ maxBodyBytes: 1000 });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('returns the status and counts the body', async () => {
    expect(await get(client, url('/bytes/1000'), signal)).toEqual({ status: 200, bytes: 1000 });
    expect(await get(client, url('/status/201'), signal)).toEqual({ status: 201, bytes: 14 });
  });

  it('keeps connections alive: requests in turn share one', async () => {
    const before = server.counts().connections;
    for (let i = 0; i < 5; i++) await get(client, url('/json'), signal);
    expect(server.counts().connections - before).toBeLessThanOrEqual(1);
  });

  it('fails a non-2xx status with its code and name', async () => {
    const error = await failure(get(client, url('/status/404'), signal));
    expect(error.kind).toBe('status');
    expect(error.message).toBe('HTTP 404 Not Found');
    expect((await failure(get(client, url('/status/503'), signal))).message).toBe(
      'HTTP 503 Service Unavailable',
    );
  });

  it('stops reading a body at the cap', async () => {
    const error = await failure(get(client, url('/bytes/50000000'), signal));
    expect(error.kind).toBe('too-large');
    expect(error.message).toBe('body over the cap of 1000 B');
    // The connection is dropped, so the server stops sending rather than pushing all 50 MB.
    await vi.waitFor(() => expect(server.counts().inFlight).toBe(0));
  });

  it('rejects with an AbortError, not a RequestError, when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = get(client, url('/delay/100'), controller.signal);
    setTimeout(() => controller.abort(), 20);
    const error = (await pending.catch((reason: unknown) => reason)) as Error;
    expect(error).not.toBeInstanceOf(RequestError);
    expect(error.name).toBe('AbortError');
  });

  it('fails a refused connection', async () => {
    const port = await closedPort();
    const error = await failure(get(client, new URL(`http://127.0.0.1:${port}/`), signal));
    expect(error.kind).toBe('refused');
    expect(error.message).toBe(`connection refused by 127.0.0.1:${port}`);
  });

  it('fails a .invalid host as not found', async () => {
    const error = await failure(get(client, new URL('http://nohost.invalid/'), signal));
    expect(error.kind).toBe('dns');
    expect(error.message).toBe('host not found: nohost.invalid');
  });
});

describe('HttpClient waiting for a connection', () => {
  it('hooks hear when a request has a connection: with one, the second waits', async () => {
    const server = await startServer({ scale: 0.05 });
    const client = await createHttpClient({ maxBodyBytes: 1000, connectionsPerOrigin: 1 });
    try {
      const signal = new AbortController().signal;
      const seenBySending: Record<string, unknown> = {};
      const getAs = (name: string) =>
        get(client, new URL('/delay/1', server.url), signal, {
          sent: () => {
            const { requests, inFlight } = server.counts();
            seenBySending[name] = { requests, inFlight };
          },
          released: () => {},
        });
      await Promise.all([getAs('A'), getAs('B')]);
      // B went out once A had been answered, not at once into undici's queue.
      expect(seenBySending).toEqual({
        A: { requests: 0, inFlight: 0 },
        B: { requests: 1, inFlight: 0 },
      });
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('an abort while waiting for a connection never sends the request', async () => {
    const server = await startServer({ scale: 0.05 });
    const client = await createHttpClient({ maxBodyBytes: 1000, connectionsPerOrigin: 1 });
    try {
      const first = get(client, new URL('/delay/1', server.url), new AbortController().signal);
      const stop = new AbortController();
      const hooks = { sent: vi.fn(), released: vi.fn() };
      const second = get(client, new URL('/json', server.url), stop.signal, hooks);
      stop.abort();
      await expect(second).rejects.toMatchObject({ name: 'AbortError' });
      await first;
      expect(hooks.sent).not.toHaveBeenCalled();
      expect(hooks.released).not.toHaveBeenCalled();
      expect(server.counts().requests).toBe(1);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe('HttpClient against a server that accepts TCP and never answers', () => {
  let silent: Server;
  let accepted: Promise<Socket>;
  beforeAll(async () => {
    silent = createServer();
    accepted = new Promise((resolve) => silent.once('connection', resolve));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => silent.close(resolve)));

  it('gives up the moment its signal aborts mid-handshake, and close() drops the socket', async () => {
    const { port } = silent.address() as { port: number };
    // A connect timeout longer than the test's own: only the abort can end this request.
    const client = await createHttpClient({ maxBodyBytes: 1000, connectTimeoutMs: 600_000 });
    const stop = new AbortController();
    const hooks = { sent: vi.fn(), released: vi.fn() };
    const pending = get(client, new URL(`https://127.0.0.1:${port}/`), stop.signal, hooks);
    const socket = await accepted;
    const dropped = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => {});
    expect(hooks.sent).toHaveBeenCalledOnce();
    stop.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    // Given up on, the request still holds its connection until undici lets go of it.
    expect(hooks.released).not.toHaveBeenCalled();
    await client.close();
    await dropped;
    await vi.waitFor(() => expect(hooks.released).toHaveBeenCalledOnce());
    await new Promise((resolve) => silent.close(resolve));
    expect(await openSockets()).toEqual([]);
  });
});

describe('skipInvalidNames', () => {
  it('fails .invalid names without asking the lookup it wraps (no network at all)', async () => {
    const lookup = vi.fn<LookupFunction>();
    const guarded = skipInvalidNames(lookup);
    for (const name of ['nohost.invalid', 'INVALID', 'a.b.invalid.']) {
      const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
        guarded(name, {}, (err) => resolve(err)),
      );
      expect(error?.code).toBe('ENOTFOUND');
    }
    expect(lookup).not.toHaveBeenCalled();
  });

  it('passes every other name on', () => {
    const lookup = vi.fn<LookupFunction>();
    const callback = () => {};
    skipInvalidNames(lookup)('invalid.example.com', { all: true }, callback);
    expect(lookup).toHaveBeenCalledWith('invalid.example.com', { all: true }, callback);
  });
});

describe('toRequestError', () => {
  const url = new URL('http://example.test:8080/x');
  const coded = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

  it.each([
    ['ECONNREFUSED', 'refused', 'connection refused by example.test:8080'],
    ['ENOTFOUND', 'dns', 'host not found: example.test'],
    ['EAI_AGAIN', 'dns', 'no answer from DNS for example.test'],
    ['ECONNRESET', 'connection', 'connection closed by the server'],
    ['UND_ERR_SOCKET', 'connection', 'connection closed by the server'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', 'no connection to example.test:8080 in time'],
    ['EPROTO', 'other', 'boom (EPROTO)'],
  ])('reads %s as %s', (code, kind, message) => {
    const error = toRequestError(coded(code), url);
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
  });

  it('finds the code along the causes (as fetch wraps it)', () => {
    const wrapped = new TypeError('fetch failed', { cause: coded('ECONNREFUSED') });
    expect(toRequestError(wrapped, url).kind).toBe('refused');
  });

  it('keeps the message of an error without a code', () => {
    expect(toRequestError(new Error('odd'), url).message).toBe('odd');
  });
});

describe('formatBytes', () => {
  it('uses B, KiB and MiB', () => {
    expect(formatBytes(17)).toBe('17 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1024 * 1024)).toBe('1 MiB');
  });
});
