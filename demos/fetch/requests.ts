import type { DemoContext } from '../../src/demo.js';
import { isAbortError } from '../../src/errors.js';
import { RequestError, formatBytes, type HttpClient } from '../../src/http-client.js';
import { formatCount, formatDuration, formatSeconds } from '../../src/render/format.js';
import { Semaphore } from '../../src/semaphore.js';
import { Progress } from './progress.js';

export interface Target {
  url: URL;
  /** The task's name: a path on the local server, host and path elsewhere. */
  name: string;
  /** How long the server takes to answer, in unscaled ms; null for servers we do not know. */
  delayMs: number | null;
}

/** Up to this many requests, each is a task of its own (a row, a lane); above, they go in batches. */
export const ROWS_PER_REQUEST_UP_TO = 20;
const BATCHES = 10;

/** The outcome recorded for a request that succeeded. */
export interface Fetched {
  url: string;
  status: number;
  bytes: number;
  ms: number;
}

interface Request {
  target: Target;
  name: string;
}

interface Options {
  urls: readonly Target[];
  limit: number | null;
  timeout: number;
  count: number | null;
}

type Context = DemoContext<Options>;
type Mode = 'sequential' | 'concurrent';

/** Makes every request of the run, one after the other or all at once, and records stats. */
export async function runRequests(ctx: Context, client: HttpClient, mode: Mode): Promise<void> {
  const requests = plan(ctx.options);
  const progress = new Progress(ctx, requests.length, requests.length > ROWS_PER_REQUEST_UP_TO);
  const limit =
    mode === 'concurrent' && ctx.options.limit !== null ? new Semaphore(ctx.options.limit) : null;
  const fetchOne = (request: Request) => fetchWithTimeout(ctx, client, request.target, progress);
  try {
    if (requests.length <= ROWS_PER_REQUEST_UP_TO) {
      await each(requests, mode, ctx.signal, (request) =>
        requestTask(ctx, request, limit, fetchOne),
      );
    } else {
      const work = (batch: Batch) => batchTask(ctx, batch, mode, limit, fetchOne, progress);
      await each(batches(requests), mode, ctx.signal, work);
    }
  } finally {
    progress.finish();
  }
}

/** Every request, its name marked `#n` when a URL repeats. */
function plan({ urls, count }: Options): Request[] {
  const requests: Request[] = [];
  for (let i = 0; i < (count ?? urls.length); i++) {
    const target = urls[i % urls.length];
    if (!target) break;
    const round = Math.floor(i / urls.length);
    requests.push({ target, name: round === 0 ? target.name : `${target.name} #${round + 1}` });
  }
  return requests;
}

/**
 * Runs `work` on each item, one at a time or all together, until the run stops. A failure is
 * already recorded where it happened, so it does not stop the others.
 */
async function each<T>(
  items: readonly T[],
  mode: Mode,
  signal: AbortSignal,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  if (mode === 'concurrent') {
    await Promise.allSettled(items.map(work));
    return;
  }
  for (const item of items) {
    if (signal.aborted) return;
    await work(item).catch(() => {});
  }
}

function requestTask(
  ctx: Context,
  request: Request,
  limit: Semaphore | null,
  fetchOne: (request: Request) => Promise<Fetched>,
): Promise<Fetched> {
  return ctx.task(
    request.name,
    async (task) => {
      if (limit) {
        await limit.acquire(ctx.signal);
        task.phase('running');
      }
      try {
        task.log(`GET ${request.target.url.href}`);
        const fetched = await fetchOne(request);
        task.log(
          `${fetched.status} · ${formatBytes(fetched.bytes)} · ${formatDuration(fetched.ms)}`,
        );
        return fetched;
      } catch (error) {
        if (error instanceof RequestError) task.log(`failed: ${error.message}`);
        throw error;
      } finally {
        limit?.release();
      }
    },
    { phase: limit ? 'waiting' : 'running', result: (fetched) => ({ ...fetched }) },
  );
}

interface Batch {
  /** The number of its first request, from 1. */
  from: number;
  requests: Request[];
}

function batches(requests: readonly Request[]): Batch[] {
  const size = Math.ceil(requests.length / BATCHES);
  const result: Batch[] = [];
  for (let i = 0; i < requests.length; i += size) {
    result.push({ from: i + 1, requests: requests.slice(i, i + size) });
  }
  return result;
}

/** A lane for a batch of requests: they run as the mode says, their failures counted. */
function batchTask(
  ctx: Context,
  batch: Batch,
  mode: Mode,
  limit: Semaphore | null,
  fetchOne: (request: Request) => Promise<Fetched>,
  progress: Progress,
) {
  const to = batch.from + batch.requests.length - 1;
  const name = `requests ${formatCount(batch.from)}–${formatCount(to)}`;
  return ctx.task(
    name,
    async (task) => {
      const failedBefore = progress.failed;
      // Waiting until the first of its requests gets a permit, running from then on.
      let running = !limit;
      await each(batch.requests, mode, ctx.signal, async (request) => {
        if (limit) await limit.acquire(ctx.signal);
        if (!running) {
          running = true;
          task.phase('running');
        }
        try {
          await fetchOne(request);
        } catch (error) {
          if (!(error instanceof RequestError)) throw error;
          progress.reportFailure(request.name, error);
        } finally {
          limit?.release();
        }
      });
      ctx.signal.throwIfAborted();
      return { requests: batch.requests.length, failed: progress.failed - failedBefore };
    },
    { phase: limit ? 'waiting' : 'running' },
  );
}

/**
 * One GET, given up after the timeout. The timer is the context's sleep (scaled, and driven by
 * fake timers in tests), not AbortSignal.timeout.
 */
async function fetchWithTimeout(
  ctx: Context,
  client: HttpClient,
  target: Target,
  progress: Progress,
): Promise<Fetched> {
  const timedOut = new AbortController();
  const timer = new AbortController();
  ctx.sleep(ctx.options.timeout, timer.signal).then(
    () => timedOut.abort(),
    () => {}, // the request ended first, or the run did
  );
  const startedAt = ctx.now();
  progress.started();
  try {
    const response = await client.get(target.url, AbortSignal.any([ctx.signal, timedOut.signal]));
    const fetched = {
      url: target.url.href,
      status: response.status,
      bytes: response.bytes,
      ms: round(ctx.now() - startedAt),
    };
    progress.succeeded();
    return fetched;
  } catch (error) {
    if (timedOut.signal.aborted && !ctx.signal.aborted) {
      const seconds = formatSeconds(ctx.options.timeout * ctx.scale);
      const timeout = new RequestError('timeout', `timed out after ${seconds}`, { cause: error });
      progress.failedWith(timeout);
      throw timeout;
    }
    if (isAbortError(error) || ctx.signal.aborted) progress.cancelledByRun();
    else progress.failedWith(error);
    throw error;
  } finally {
    timer.abort();
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
