import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handle } from './endpoints.js';
import { DemoError } from '../engine/errors.js';

export {
  ENDPOINTS,
  JSON_DOCUMENT,
  MAX_BYTES,
  MAX_DELAY_SECONDS,
  type Endpoint,
} from './endpoints.js';

export interface ServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Multiplies the delay of `/delay/<seconds>`, as `--scale` does for the demos. */
  scale?: number;
  /** Called once per request, when its response has closed (finished, or its client left). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** How long a client may take or idle before its connection is closed; tests shorten them. */
  limits?: Partial<ConnectionLimits>;
}

/** What keeps slow or idle clients (slowloris, forgotten sockets) from holding the server. */
export interface ConnectionLimits {
  /** From the first byte of a connection or request to the end of its headers. */
  headersTimeoutMs: number;
  /** To receive a whole request (the demo's are bodiless GETs), not to answer it. */
  requestTimeoutMs: number;
  /** How long a kept-alive connection may wait for its next request. */
  keepAliveTimeoutMs: number;
  /** How often the header and request timeouts are checked. */
  checkEveryMs: number;
  /** Connections open at once; more are dropped as they arrive. */
  maxConnections: number;
}

/**
 * The fetch demo opens at most 256 connections to one origin; a user's own load tool gets a few
 * times that. Node's defaults (60 s of headers, checked every 30 s) leave a slowloris minutes.
 */
export const DEFAULT_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkEveryMs: 1_000,
  maxConnections: 1_024,
};

/** One request as `serve` logs it. */
export interface RequestLogEntry {
  /** Wall-clock time the request arrived. */
  arrivedAt: Date;
  method: string;
  /** The request target as sent (path and query), not yet escaped. */
  path: string;
  status: number;
  /** False when the client went away before the response was complete. */
  completed: boolean;
  durationMs: number;
  /** Requests in flight when this one arrived, itself included. */
  inFlight: number;
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

/** Starts the demo's HTTP server and resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<DemoServer> {
  const { port = 0, host = '127.0.0.1', scale = 1, onRequest } = options;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const counts: ServerCounts = { connections: 0, requests: 0, inFlight: 0, peakInFlight: 0 };
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkEveryMs,
    },
    (request, response) => {
      counts.requests++;
      counts.inFlight++;
      counts.peakInFlight = Math.max(counts.peakInFlight, counts.inFlight);
      const arrivedAt = new Date();
      const started = performance.now();
      const inFlight = counts.inFlight;
      // 'close' comes once per response, whether it finished or its client went away.
      response.once('close', () => {
        counts.inFlight--;
        onRequest?.({
          arrivedAt,
          method: request.method ?? '',
          path: request.url ?? '',
          status: response.statusCode,
          completed: response.writableFinished,
          durationMs: performance.now() - started,
          inFlight,
        });
      });
      handle(request, response, scale);
    },
  );
  server.maxConnections = limits.maxConnections;
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
