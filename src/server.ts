import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DemoError } from './errors.js';

/** The longest delay the server accepts, in seconds (before the scale). */
export const MAX_DELAY_SECONDS = 600;
/** The most bytes `/bytes/<n>` sends: enough to overrun any client's cap, not to fill memory. */
export const MAX_BYTES = 64 * 1024 * 1024;

export interface ServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Multiplies the delay of `/delay/<seconds>`, as `--scale` does for the demos. */
  scale?: number;
}

/** Requests the server has seen, counted on its side of the wire. */
export interface ServerCounts {
  /** TCP connections accepted: far fewer than requests when clients keep them alive. */
  connections: number;
  requests: number;
  inFlight: number;
  peakInFlight: number;
}

export interface DemoServer {
  /** The base address, such as `http://127.0.0.1:40123`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly server: Server;
  counts(): ServerCounts;
  /** Starts counting the peak afresh (between two variants of a demo). */
  resetPeak(): void;
  /** Stops listening and drops every connection, idle keep-alive ones included. */
  close(): Promise<void>;
}

export interface Endpoint {
  path: string;
  description: string;
  example: string;
}

export const ENDPOINTS: readonly Endpoint[] = [
  {
    path: '/delay/<seconds>',
    description: 'answers after that many seconds (times the scale)',
    example: '/delay/2',
  },
  { path: '/json', description: 'a small JSON document, at once', example: '/json' },
  {
    path: '/status/<code>',
    description: 'answers with that HTTP status (200–599)',
    example: '/status/404',
  },
  {
    path: '/bytes/<n>',
    description: `n bytes of data (at most ${MAX_BYTES / 1024 / 1024} MiB)`,
    example: '/bytes/1024',
  },
];

export const JSON_DOCUMENT = {
  name: 'async-demos',
  message: 'a small JSON document, served at once',
  items: [1, 2, 3],
};

/** Starts the demo's HTTP server and resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<DemoServer> {
  const { port = 0, host = '127.0.0.1', scale = 1 } = options;
  const counts: ServerCounts = { connections: 0, requests: 0, inFlight: 0, peakInFlight: 0 };
  const server = createServer((request, response) => {
    counts.requests++;
    counts.inFlight++;
    counts.peakInFlight = Math.max(counts.peakInFlight, counts.inFlight);
    // 'close' comes once per response, whether it finished or its client went away.
    response.once('close', () => counts.inFlight--);
    handle(request, response, scale);
  });
  server.on('connection', () => counts.connections++);
  await listen(server, port, host);
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    host: address.address,
    server,
    counts: () => ({ ...counts }),
    resetPeak: () => (counts.peakInFlight = counts.inFlight),
    close: () => close(server),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(listenError(error, port, host));
    server.once('error', onError);
    // A backlog above Node's default 511 lets a burst of thousands of connections in at once.
    server.listen({ port, host, backlog: 4096 }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function listenError(error: NodeJS.ErrnoException, port: number, host: string): DemoError {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new DemoError(`port ${port} is in use on ${host}; choose another with --port`);
    case 'EACCES':
      return new DemoError(`not allowed to listen on ${where}; try a port above 1023`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new DemoError(`cannot listen on ${host}: not an address of this machine`);
    default:
      return new DemoError(`cannot listen on ${where}: ${error.message}`, { cause: error });
  }
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    // close() drops idle keep-alive connections but waits for requests in progress (a delay of
    // minutes); this ends those too.
    server.closeAllConnections();
  });
}

function handle(request: IncomingMessage, response: ServerResponse, scale: number): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const [first = '', argument, ...rest] = url.pathname.split('/').slice(1);
  if (rest.length > 0) {
    notFound(response, url.pathname);
    return;
  }
  switch (first) {
    case '':
      sendJson(response, 200, { endpoints: ENDPOINTS });
      return;
    case 'json':
      if (argument === undefined) sendJson(response, 200, JSON_DOCUMENT);
      else notFound(response, url.pathname);
      return;
    case 'delay':
      delay(response, argument, scale);
      return;
    case 'status':
      status(response, argument);
      return;
    case 'bytes':
      bytes(response, argument);
      return;
    default:
      notFound(response, url.pathname);
  }
}

function delay(response: ServerResponse, argument: string | undefined, scale: number): void {
  const seconds = Number(argument);
  if (!argument || !(seconds >= 0 && seconds <= MAX_DELAY_SECONDS)) {
    sendJson(response, 400, { error: `a delay is 0 to ${MAX_DELAY_SECONDS} seconds` });
    return;
  }
  const delayedMs = seconds * 1000 * scale;
  const timer = setTimeout(() => sendJson(response, 200, { delayedMs }), delayedMs);
  // A client that gives up (a timeout, Ctrl-C) must not leave a timer keeping the process alive.
  response.once('close', () => clearTimeout(timer));
}

function status(response: ServerResponse, argument: string | undefined): void {
  const code = Number(argument);
  if (!Number.isInteger(code) || code < 200 || code > 599) {
    sendJson(response, 400, { error: 'a status is a whole number from 200 to 599' });
    return;
  }
  sendJson(response, code, { status: code });
}

function bytes(response: ServerResponse, argument: string | undefined): void {
  const size = Number(argument);
  if (!Number.isInteger(size) || size < 0 || size > MAX_BYTES) {
    sendJson(response, 400, { error: `a size is a whole number of bytes from 0 to ${MAX_BYTES}` });
    return;
  }
  response.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': size,
  });
  const chunk = Buffer.alloc(Math.min(size, 64 * 1024), 'x');
  let left = size;
  // Written as the client reads, so a client that stops early never makes the server buffer it all.
  const writeMore = (): void => {
    while (left > 0) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!response.write(piece)) {
        response.once('drain', writeMore);
        return;
      }
    }
    response.end();
  };
  writeMore();
}

function notFound(response: ServerResponse, path: string): void {
  sendJson(response, 404, { error: `no endpoint ${path}; see / for the list` });
}

function sendJson(response: ServerResponse, code: number, body: unknown): void {
  if (response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
