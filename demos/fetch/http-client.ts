import type { LookupFunction } from 'node:net';
import type { Agent } from 'undici';
import { abortError } from '../../src/engine/abort.js';
import { Semaphore } from '../../src/primitives/semaphore.js';
import { trackConnecting } from './connector.js';

/** What went wrong with a request, in the words a row of the table can hold. */
export type FailureKind =
  'refused' | 'dns' | 'timeout' | 'status' | 'too-large' | 'connection' | 'other';

/** A failed request: `message` is the short reason shown in its row. */
export class RequestError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RequestError';
  }
}

export interface Response {
  status: number;
  /** Bytes of body read, never more than the cap. */
  bytes: number;
}

export interface HttpClient {
  /**
   * GETs `url` and counts its body; rejects with a RequestError, or an AbortError as soon as
   * `signal` aborts. A request first waits in the client for a connection of its own; `hooks`
   * hear when it has one and when it gives it back.
   */
  get(url: URL, signal: AbortSignal, hooks?: ConnectionHooks): Promise<Response>;
  /** Drops every pooled connection, and those still connecting. */
  close(): Promise<void>;
}

/** What the client tells its caller about a request's connection. */
export interface ConnectionHooks {
  /** The request has a connection of its own and goes out now: a timeout starts here. */
  sent(): void;
  /** Its connection is free again: the answer is read, or undici has given the request up. */
  released(): void;
}

export interface ClientOptions {
  /** A body longer than this is a failure; reading stops there. */
  maxBodyBytes: number;
  /** Sockets open at once to one origin; further requests wait in the client, in order. */
  connectionsPerOrigin?: number;
  /** How long opening a connection (TCP, then TLS) may take; undici's default is 10 s. */
  connectTimeoutMs?: number;
}

export const DEFAULT_CONNECTIONS_PER_ORIGIN = 256;

/**
 * One undici Agent for every request: it pools connections per origin and keeps them alive, so
 * a thousand requests to one server reuse a few sockets instead of opening a thousand.
 */
export async function createHttpClient({
  maxBodyBytes,
  connectionsPerOrigin = DEFAULT_CONNECTIONS_PER_ORIGIN,
  connectTimeoutMs,
}: ClientOptions): Promise<HttpClient> {
  // Loaded here, not at the top: every command reads the demos, and these take time to import
  // (undici ~80 ms, node:http ~10 ms) that `list` and `--help` should not pay.
  const [undici, { STATUS_CODES }, { lookup }] = await Promise.all([
    import('undici'),
    import('node:http'),
    import('node:dns'),
  ]);
  const connector = trackConnecting(
    undici.buildConnector({ timeout: connectTimeoutMs, lookup: skipInvalidNames(lookup) }),
  );
  const agent = new undici.Agent({
    keepAliveTimeout: 10_000,
    connections: connectionsPerOrigin,
    connect: connector.connect,
  });
  const slots = new Map<string, Semaphore>();
  const context: GetContext = {
    agent,
    request: undici.request,
    statusText: STATUS_CODES,
    slotsOf: (origin) => getOrAdd(slots, origin, () => new Semaphore(connectionsPerOrigin)),
  };
  return {
    get: (url, signal, hooks) => get(context, url, signal, hooks, maxBodyBytes),
    close: async () => {
      connector.destroyConnecting();
      await agent.destroy();
    },
  };
}

interface GetContext {
  agent: Agent;
  request: typeof import('undici').request;
  statusText: Partial<Record<number, string>>;
  /** The connections of one origin, as permits: undici's own queue would not tell us when. */
  slotsOf(origin: string): Semaphore;
}

async function get(
  context: GetContext,
  url: URL,
  signal: AbortSignal,
  hooks: ConnectionHooks | undefined,
  maxBodyBytes: number,
): Promise<Response> {
  const slots = context.slotsOf(url.origin);
  // No signal here: thousands of waiters would each listen to it. A stopped run frees the slots.
  await slots.acquire();
  if (signal.aborted) {
    slots.release();
    throw abortError(signal);
  }
  hooks?.sent();
  const exchange = exchangeOn(context, url, signal, maxBodyBytes);
  // The slot is free once undici is done with the connection, not merely once we stop waiting;
  // the caller hears of it first, so that its count never shows one more than the connections.
  const release = () => {
    hooks?.released();
    slots.release();
  };
  exchange.then(release, release);
  return untilAborted(exchange, signal);
}

/**
 * undici notices an abort only once the request is on a socket: one still connecting (a TLS
 * handshake that never ends) would hold its caller until the connect timeout.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    // A listener of its own: this signal is the request's, and no one else waits on it here.
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The request on its connection: status, then the body, counted. */
async function exchangeOn(
  { agent, request, statusText }: GetContext,
  url: URL,
  signal: AbortSignal,
  maxBodyBytes: number,
): Promise<Response> {
  let response;
  try {
    response = await request(url, { dispatcher: agent, signal, method: 'GET' });
  } catch (error) {
    throw signal.aborted ? error : toRequestError(error, url);
  }
  const { statusCode, body } = response;
  if (statusCode < 200 || statusCode > 299) {
    // Read and dropped (up to a small limit), so the connection can serve the next request.
    await body.dump({ limit: 64 * 1024 }).catch(() => {});
    throw new RequestError('status', `HTTP ${statusCode} ${statusText[statusCode] ?? ''}`.trim());
  }
  let bytes = 0;
  try {
    // Counted, not kept: memory stays flat whatever the size.
    for await (const chunk of body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBodyBytes) {
        throw new RequestError('too-large', `body over the cap of ${formatBytes(maxBodyBytes)}`);
      }
    }
  } catch (error) {
    // Destroying emits an 'error' of its own; nobody is left to hear it.
    body.on('error', () => {});
    body.destroy();
    if (error instanceof RequestError || signal.aborted) throw error;
    throw toRequestError(error, url);
  }
  return { status: statusCode, bytes };
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/**
 * RFC 6761 reserves `.invalid`: such a name never resolves, so it fails here at once, without
 * asking a DNS server (offline runs and tests stay fast and never touch the network).
 */
export function skipInvalidNames(lookup: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    if (/(^|\.)invalid\.?$/i.test(hostname)) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      error.syscall = 'getaddrinfo';
      process.nextTick(() => callback(error, ''));
      return;
    }
    lookup(hostname, options, callback);
  };
}

/** The short reason for a network error, found by its code along the chain of causes. */
export function toRequestError(error: unknown, url: URL): RequestError {
  const code = errorCode(error);
  const options = { cause: error };
  switch (code) {
    case 'ECONNREFUSED':
      return new RequestError('refused', `connection refused by ${url.host}`, options);
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
      return new RequestError('dns', `host not found: ${url.hostname}`, options);
    case 'EAI_AGAIN':
      return new RequestError('dns', `no answer from DNS for ${url.hostname}`, options);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new RequestError('connection', 'connection closed by the server', options);
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new RequestError('timeout', `no connection to ${url.host} in time`, options);
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return new RequestError('other', code ? `${message} (${code})` : message, options);
    }
  }
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return undefined;
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    current = cause;
  }
  return undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} B`;
}
