import type { DemoContext } from '../../src/engine/demo.js';
import { abortError, onAbort } from '../../src/engine/abort.js';
import { isAbortError } from '../../src/engine/errors.js';
import { RequestError, type ConnectionHooks, type HttpClient } from './http-client.js';
import { formatSeconds } from '../../src/engine/format.js';
import type { Semaphore } from '../../src/primitives/semaphore.js';
import type { Progress } from './progress.js';
import type { Timeout, Timeouts } from './timeouts.js';

export interface Target {
  /** What is requested, whole. */
  url: URL;
  /** The task's name: a path on the local server, host and path elsewhere. */
  name: string;
  /** How long the server takes to answer, in unscaled ms; null for servers we do not know. */
  delayMs: number | null;
}

/** One request of a run: its target, and its name (`#n` when the URLs come round again). */
export interface Request {
  target: Target;
  name: string;
}

/** The outcome recorded for a request that succeeded. */
export interface Fetched {
  url: string;
  status: number;
  bytes: number;
  ms: number;
}

export interface RequestOptions {
  limit: number | null;
  timeout: number;
  count: number | null;
}

export type Mode = 'sequential' | 'concurrent';

/** What a run requests, and with what: made ready by the demo's `prepare`. */
export interface Requests {
  client: HttpClient;
  /** The URLs, requested in turn (round after round with --count). */
  targets: readonly Target[];
}

/** What every request of one run shares. */
export interface Run {
  ctx: DemoContext<RequestOptions>;
  client: HttpClient;
  targets: readonly Target[];
  mode: Mode;
  limit: Semaphore | null;
  progress: Progress;
  timeouts: Timeouts;
  /** The run's signal: aborted by Ctrl-C or the end of the run. */
  signal: AbortSignal;
}

/** How many requests the run makes. */
export function requestCount(targets: readonly Target[], count: number | null): number {
  return targets.length === 0 ? 0 : (count ?? targets.length);
}

/** The target of the request at `index`. */
export function requestTarget(targets: readonly Target[], index: number): Target {
  const target = targets[index % targets.length];
  if (!target) throw new RangeError(`no URL for request ${index}`);
  return target;
}

/** The request at `index`, made when needed: a million of them cost no array. */
export function requestAt(targets: readonly Target[], index: number): Request {
  const target = targets[index % targets.length];
  if (!target) throw new RangeError(`no URL for request ${index}`);
  const round = Math.floor(index / targets.length);
  return { target, name: round === 0 ? target.name : `${target.name} #${round + 1}` };
}

/**
 * Waits for a permit. Without a signal: an EventTarget checks every listener it holds when one is
 * added, so ten thousand waiters listening to the run's signal would take most of a second just
 * to line up. When the run stops, the requests in flight abort and release their permits, and
 * each waiter woken in turn gives its permit straight back.
 */
export async function acquire({ signal }: Run, limit: Semaphore): Promise<void> {
  await limit.acquire();
  if (signal.aborted) {
    limit.release();
    signal.throwIfAborted();
  }
}

// Why a request was given up by its timeout; one shared reason, not a new DOMException each.
const TIMED_OUT = new DOMException('the request timed out', 'AbortError');

/**
 * One GET, given up after the timeout, which starts once the request has a connection (waiting
 * for one of the pool's is not the server being slow). The timeouts run on the context's clock
 * (scaled, and driven by fake timers in tests), not AbortSignal.timeout.
 */
export async function fetchWithTimeout(
  { ctx, client, progress, signal, timeouts }: Run,
  target: Target,
): Promise<Omit<Fetched, 'url'>> {
  // Set from the hooks below, read once the request has ended.
  const sent: { at: number | null; timeout: Timeout | null } = { at: null, timeout: null };
  // `sent` may run before start() returns: only the timeout, later, uses `request`.
  const hooks: ConnectionHooks = {
    sent: () => {
      sent.at = ctx.now();
      progress.started();
      sent.timeout = timeouts.start(() => request.abort(TIMED_OUT));
    },
    released: () => progress.released(),
  };
  const request = client.start(target.url, hooks);
  // One shared listener on the run's signal, however many requests watch it (see onAbort).
  const stopWatching = onAbort(signal, () => request.abort(abortError(signal)));
  try {
    const { status, bytes } = await request.answer;
    const ms = Math.round((ctx.now() - (sent.at ?? 0)) * 10) / 10;
    progress.succeeded();
    return { status, bytes, ms };
  } catch (error) {
    if (error === TIMED_OUT && !signal.aborted) {
      const seconds = formatSeconds(timeoutMs(ctx));
      const timeout = new RequestError('timeout', `timed out after ${seconds}`, { cause: error });
      progress.failedWith(timeout);
      throw timeout;
    }
    // Stopped while in flight, or while it waited for a connection (never in flight then).
    if (isAbortError(error) || signal.aborted) progress.cancelledByRun();
    else progress.failedWith(error);
    throw error;
  } finally {
    stopWatching();
    sent.timeout?.cancel();
  }
}

/**
 * The timeout guards against real servers, so a small scale does not shorten it (at 0.1 a
 * loaded machine would miss 0.5 s); a scale above 1 stretches it, so slowed delays still fit.
 */
export function timeoutMs({ options, scale }: DemoContext<RequestOptions>): number {
  return stretchedTimeout(options.timeout, scale);
}

export function stretchedTimeout(timeoutMs: number, scale: number): number {
  return timeoutMs * Math.max(1, scale);
}

/** URLs are shown (log, JSON, chart) at most this long; what is requested stays whole. */
export const MAX_SHOWN_URL = 120;

/**
 * A URL as the demo shows and records it: credentials redacted (`user:***@`), and cut in the
 * middle past MAX_SHOWN_URL characters, so that both the host and the end of the path stay.
 */
export function shownUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = '***';
  const href = copy.href;
  if (href.length <= MAX_SHOWN_URL) return href;
  const half = Math.floor((MAX_SHOWN_URL - 1) / 2);
  return `${href.slice(0, half)}…${href.slice(href.length - half)}`;
}
