import type { LookupFunction } from 'node:net';
import { abortError, onAbort } from '../../src/engine/abort.js';
import { Semaphore } from '../../src/primitives/semaphore.js';
import { trackConnecting } from './connector.js';
import type { Response } from './errors.js';
import { exchange, routeOf, type Outcome, type Route } from './exchange.js';

export {
  formatBytes,
  RequestError,
  toRequestError,
  type FailureKind,
  type Response,
} from './errors.js';

export interface HttpClient {
  /**
   * Starts a GET of `url` that counts its body; its answer rejects with a RequestError, or with
   * the reason given to `abort` (at once, wherever the request is). A request first waits in
   * the client for a connection of its own; `hooks` hear when it has one and gives it back.
   */
  start(url: URL, hooks?: ConnectionHooks): PendingRequest;
  /** Drops every pooled connection, and those still connecting. */
  close(): Promise<void>;
}

export interface PendingRequest {
  readonly answer: Promise<Response>;
  abort(reason: Error): void;
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

/** A GET given up when `signal` aborts, for callers that hold a signal anyway. */
export function get(
  client: HttpClient,
  url: URL,
  signal: AbortSignal,
  hooks?: ConnectionHooks,
): Promise<Response> {
  const request = client.start(url, hooks);
  const stopWatching = onAbort(signal, () => request.abort(abortError(signal)));
  return request.answer.finally(stopWatching);
}

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
  // The connections of each origin, as permits: undici's own queue would not say when one is had.
  const slots = new Map<string, Semaphore>();
  const slotsOf = (origin: string) => {
    let found = slots.get(origin);
    if (!found) slots.set(origin, (found = new Semaphore(connectionsPerOrigin)));
    return found;
  };
  // A run requests the same few URLs over and over: each one's route and slots are found once.
  const known = new WeakMap<URL, { route: Route; slots: Semaphore }>();
  const lookUp = (url: URL) => {
    let found = known.get(url);
    if (!found) {
      const route = routeOf(url);
      known.set(url, (found = { route, slots: slotsOf(route.origin) }));
    }
    return found;
  };
  return {
    start: (url, hooks) => {
      const { route, slots } = lookUp(url);
      const send = (outcome: Outcome) =>
        exchange(agent, url, route, maxBodyBytes, STATUS_CODES, outcome);
      return startRequest(slots, send, hooks);
    },
    close: async () => {
      connector.destroyConnecting();
      await agent.destroy();
    },
  };
}

/**
 * Takes a slot, waiting for one if need be (without listening to anything: thousands may wait),
 * then sends. An abort rejects the answer at once; the slot is given back once undici is done
 * with the connection. With a slot free, `hooks.sent` runs before this returns.
 */
function startRequest(
  slots: Semaphore,
  send: (outcome: Outcome) => (reason: Error) => void,
  hooks: ConnectionHooks | undefined,
): PendingRequest {
  let abortSent: ((reason: Error) => void) | null = null;
  let givenUp: Error | null = null;
  let settle: Outcome = { succeeded: () => {}, failed: () => {} };
  const answer = new Promise<Response>((resolve, reject) => {
    settle = { succeeded: resolve, failed: reject };
  });
  const go = () => {
    if (givenUp) {
      slots.release();
      return;
    }
    hooks?.sent();
    // The caller hears of the free connection first, so its count never shows one too many.
    abortSent = send({
      succeeded(response) {
        hooks?.released();
        slots.release();
        settle.succeeded(response);
      },
      failed(error) {
        hooks?.released();
        slots.release();
        settle.failed(error);
      },
    });
  };
  // A free slot is taken at once: no turn of the event loop between a request and its sending.
  const free = slots.available > 0 && slots.waiting === 0;
  const acquired = slots.acquire();
  if (free) go();
  else void acquired.then(go);
  return {
    answer,
    abort(reason) {
      if (givenUp) return;
      givenUp = reason;
      abortSent?.(reason);
      settle.failed(reason);
    },
  };
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
