import { Agent, get, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoError } from '../../src/engine/errors.js';
import {
  DEFAULT_LIMITS,
  JSON_DOCUMENT,
  startServer,
  type ConnectionLimits,
  type DemoServer,
} from '../../src/server/server.js';

interface Reply {
  status: number;
  body: string;
  ms: number;
}

/** A GET on a fresh connection (no keep-alive), unless an agent is given. */
function fetchText(url: string, agent: Agent | false = false): Promise<Reply> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response: IncomingMessage) => {
      let body = '';
      response.setEncoding('latin1');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body, ms: performance.now() - start }),
      );
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** Sockets, servers and timers of this process, by kind. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** How many handles of `kind` are left once closing handles are gone (they go a tick later). */
async function settledCount(kind: string, expected: number): Promise<number> {
  for (let i = 0; i < 100 && (handles()[kind] ?? 0) !== expected; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return handles()[kind] ?? 0;
}

const open: DemoServer[] = [];
async function start(scale = 1, limits?: Partial<ConnectionLimits>): Promise<DemoServer> {
  const server = await startServer({ scale, limits });
  open.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

describe('startServer', () => {
  it('listens on 127.0.0.1 on a free port', async () => {
    const server = await start();
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.server.listening).toBe(true);
  });

  it('serves a small JSON document at once', async () => {
    const server = await start();
    const reply = await fetchText(`${server.url}/json`);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual(JSON_DOCUMENT);
  });

  it('answers /delay/<seconds> after that delay times the scale', async () => {
    const server = await start(0.1);
    const [long, short] = await Promise.all([
      fetchText(`${server.url}/delay/2`),
      fetchText(`${server.url}/delay/0.5`),
    ]);
    expect(long.status).toBe(200);
    expect(JSON.parse(long.body)).toEqual({ delayedMs: 200 });
    // A timer never fires early: these are lower bounds, whatever the load.
    expect(long.ms).toBeGreaterThanOrEqual(195);
    expect(short.ms).toBeGreaterThanOrEqual(45);
    expect(long.ms).toBeGreaterThan(short.ms);
  });

  it('answers /status/<code> with that status', async () => {
    const server = await start();
    expect((await fetchText(`${server.url}/status/503`)).status).toBe(503);
    expect((await fetchText(`${server.url}/status/204`)).status).toBe(204);
    expect((await fetchText(`${server.url}/status/99`)).status).toBe(400);
    expect((await fetchText(`${server.url}/status/abc`)).status).toBe(400);
  });

  it('sends /bytes/<n> bytes, and refuses sizes above its cap', async () => {
    const server = await start();
    const reply = await fetchText(`${server.url}/bytes/200000`);
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(200_000);
    expect((await fetchText(`${server.url}/bytes/0`)).body).toBe('');
    expect((await fetchText(`${server.url}/bytes/999999999999`)).status).toBe(400);
  });

  it('lists its endpoints at / and answers 404 elsewhere', async () => {
    const server = await start();
    const index = JSON.parse((await fetchText(`${server.url}/`)).body) as { endpoints: unknown[] };
    expect(index.endpoints).toHaveLength(4);
    expect((await fetchText(`${server.url}/nothing`)).status).toBe(404);
    expect((await fetchText(`${server.url}/json/extra`)).status).toBe(404);
    expect((await fetchText(`${server.url}/delay/`)).status).toBe(400);
  });

  it('counts requests, connections and the peak in flight', async () => {
    const server = await start(0.05);
    await Promise.all([1, 2, 3].map(() => fetchText(`${server.url}/delay/1`)));
    expect(server.counts()).toEqual({ connections: 3, requests: 3, inFlight: 0, peakInFlight: 3 });
    server.resetPeak();
    await fetchText(`${server.url}/json`);
    expect(server.counts().peakInFlight).toBe(1);
  });

  it('says in one line that a port is in use', async () => {
    const server = await start();
    const second = startServer({ port: server.port });
    await expect(second).rejects.toThrow(DemoError);
    await expect(second).rejects.toThrow(`port ${server.port} is in use on 127.0.0.1`);
  });
});

describe('DemoServer.close', () => {
  it('closes at once with an idle keep-alive connection open, and leaves no handle', async () => {
    const server = await startServer();
    const agent = new Agent({ keepAlive: true });
    await fetchText(`${server.url}/json`, agent);
    expect(handles().TCPServerWrap ?? 0).toBeGreaterThanOrEqual(1);
    const start = performance.now();
    await server.close();
    // Not held until the idle connection times out (a bound of its length: a busy machine is slow).
    expect(performance.now() - start).toBeLessThan(server.server.keepAliveTimeout);
    expect(server.server.listening).toBe(false);
    agent.destroy();
    // Nothing else in this file keeps a server or a socket open.
    expect(await settledCount('TCPServerWrap', 0)).toBe(0);
    expect(await settledCount('TCPSocketWrap', 0)).toBe(0);
  });

  it('drops a request still waiting for its delay at once, and clears its timer', async () => {
    const before = handles();
    const server = await startServer();
    const pending = fetchText(`${server.url}/delay/60`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.counts().inFlight).toBe(1);
    const start = performance.now();
    await server.close();
    // close() alone would wait for the response, 60 s away; half that leaves a busy machine room.
    expect(performance.now() - start).toBeLessThan(30_000);
    await expect(pending).rejects.toThrow();
    // The server's 60 s timer is gone with the request (the poll's own timer comes and goes).
    expect(await settledCount('TCPSocketWrap', 0)).toBe(0);
    expect(handles().Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
  });

  it('can be called twice', async () => {
    const server = await startServer();
    await server.close();
    await server.close();
    expect(server.server.listening).toBe(false);
  });
});

interface RawSocket {
  socket: Socket;
  /** Everything the server sent, once it has closed the connection. */
  closed: Promise<string>;
}

/** A TCP connection that sends `bytes` (possibly nothing, or half a request) and then waits. */
async function rawSocket(port: number, bytes = ''): Promise<RawSocket> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.on('error', () => {}); // a reset by the server is one way to close
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  if (bytes) socket.write(bytes);
  return { socket, closed };
}

const short = { headersTimeoutMs: 300, requestTimeoutMs: 400, keepAliveTimeoutMs: 200 };

describe('slow and idle clients', () => {
  it('sets header, request and keep-alive timeouts and a connection cap by default', async () => {
    const { server } = await start();
    expect(server.headersTimeout).toBe(DEFAULT_LIMITS.headersTimeoutMs);
    expect(server.requestTimeout).toBe(DEFAULT_LIMITS.requestTimeoutMs);
    expect(server.keepAliveTimeout).toBe(DEFAULT_LIMITS.keepAliveTimeoutMs);
    expect(server.maxConnections).toBe(DEFAULT_LIMITS.maxConnections);
    expect(DEFAULT_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(10_000);
  });

  it('closes half-sent headers (slowloris) and silent sockets with a 408', async () => {
    const server = await start(1, { ...short, checkEveryMs: 50 });
    const slow = await Promise.all([
      rawSocket(server.port, 'GET /json HTTP/1.1\r\nHost: x\r\n'),
      rawSocket(server.port, 'GET /js'),
      rawSocket(server.port),
    ]);
    // Node's own defaults would keep them a minute or more: the test would time out.
    const replies = await Promise.all(slow.map(({ closed }) => closed));
    for (const reply of replies) expect(reply).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(server.counts().requests).toBe(0);
  });

  it('closes a kept-alive connection left idle after its answer', async () => {
    const server = await start(1, short);
    const idle = await rawSocket(server.port, 'GET /json HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await idle.closed).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it('lets a request wait for its delay well past the request timeout', async () => {
    const server = await start(1, { ...short, checkEveryMs: 50 });
    const reply = await fetchText(`${server.url}/delay/0.9`);
    expect(reply.status).toBe(200);
  });

  it('drops connections past its cap as they arrive, and serves those it holds', async () => {
    const server = await start(1, { maxConnections: 2 });
    const held = [await rawSocket(server.port), await rawSocket(server.port)];
    const third = await rawSocket(server.port);
    expect(await third.closed).toBe('');
    expect(held.every(({ socket }) => !socket.destroyed)).toBe(true);
    held[0]?.socket.write('GET /json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(await held[0]?.closed).toMatch(/^HTTP\/1\.1 200 OK/);
    held[1]?.socket.destroy();
  });
});
