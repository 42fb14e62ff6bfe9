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

type Mode = 'sequential' | 'concurrent';

/** What every request of one run shares. */
interface Run {
  ctx: DemoContext<Options>;
  client: HttpClient;
  mode: Mode;
  limit: Semaphore | null;
  progress: Progress;
  /** The run's signal: aborted by Ctrl-C or the end of the run. */
  signal: AbortSignal;
}

// Aborts the timer of a request that has ended; one shared reason, not a new DOMException each.
const REQUEST_ENDED = new DOMException('the request ended', 'AbortError');

/** Makes every request of the run, one after the other or all at once, and records stats. */
export async function runRequests(
  ctx: DemoContext<Options>,
  client: HttpClient,
  mode: Mode,
): Promise<void> {
  const requests = plan(ctx.options);
  const summarise = requests.length > ROWS_PER_REQUEST_UP_TO;
  const { limit } = ctx.options;
  const run: Run = {
    ctx,
    client,
    mode,
    limit: mode === 'concurrent' && limit !== null ? new Semaphore(limit) : null,
    progress: new Progress(ctx, requests.length, summarise),
    signal: ctx.signal,
  };
  try {
    if (summarise) await each(run, batches(requests), (batch) => batchTask(run, batch));
    else await each(run, requests, (request) => requestTask(run, request));
  } finally {
    run.progress.finish();
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
  { mode, signal }: Run,
  items: readonly T[],
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

/** One request as a task of its own: a row with its outcome, a lane in the chart. */
function requestTask(run: Run, request: Request): Promise<Fetched> {
  const { ctx, limit } = run;
  return ctx.task(
    request.name,
    async (task) => {
      if (limit) {
        await acquire(run, limit);
        task.phase('running');
      }
      try {
        task.log(`GET ${request.target.url.href}`);
        const fetched = await fetchWithTimeout(run, request.target);
        const { status, bytes, ms } = fetched;
        task.log(`${status} · ${formatBytes(bytes)} · ${formatDuration(ms)}`);
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
function batchTask(run: Run, batch: Batch) {
  const { ctx, limit, progress } = run;
  const to = batch.from + batch.requests.length - 1;
  return ctx.task(
    `requests ${formatCount(batch.from)}–${formatCount(to)}`,
    async (task) => {
      const failedBefore = progress.failed;
      // Waiting until the first of its requests gets a permit, running from then on.
      let running = !limit;
      await each(run, batch.requests, async (request) => {
        if (limit) await acquire(run, limit);
        if (!running) {
          running = true;
          task.phase('running');
        }
        try {
          await fetchWithTimeout(run, request.target);
        } catch (error) {
          if (!(error instanceof RequestError)) throw error;
          progress.reportFailure(request.name, error);
        } finally {
          limit?.release();
        }
      });
      run.signal.throwIfAborted();
      return { requests: batch.requests.length, failed: progress.failed - failedBefore };
    },
    { phase: limit ? 'waiting' : 'running' },
  );
}

/**
 * Waits for a permit. Without a signal: an EventTarget checks every listener it holds when one is
 * added, so ten thousand waiters listening to the run's signal would take most of a second just
 * to line up. When the run stops, the requests in flight abort and release their permits, and
 * each waiter woken in turn gives its permit straight back.
 */
async function acquire({ signal }: Run, limit: Semaphore): Promise<void> {
  await limit.acquire();
  if (signal.aborted) {
    limit.release();
    signal.throwIfAborted();
  }
}

/**
 * One GET, given up after the timeout. The timer is the context's sleep (scaled, and driven by
 * fake timers in tests), not AbortSignal.timeout.
 */
async function fetchWithTimeout({ ctx, client, progress, signal }: Run, target: Target) {
  const timedOut = new AbortController();
  const timer = new AbortController();
  ctx.sleep(timeoutMs(ctx) / ctx.scale, timer.signal).then(
    () => timedOut.abort(),
    () => {}, // the request ended first, or the run did
  );
  const startedAt = ctx.now();
  progress.started();
  try {
    const response = await client.get(target.url, AbortSignal.any([signal, timedOut.signal]));
    const ms = Math.round((ctx.now() - startedAt) * 10) / 10;
    progress.succeeded();
    const fetched: Fetched = { url: target.url.href, ...response, ms };
    return fetched;
  } catch (error) {
    if (timedOut.signal.aborted && !signal.aborted) {
      const seconds = formatSeconds(timeoutMs(ctx));
      const timeout = new RequestError('timeout', `timed out after ${seconds}`, { cause: error });
      progress.failedWith(timeout);
      throw timeout;
    }
    if (isAbortError(error) || signal.aborted) progress.cancelledByRun();
    else progress.failedWith(error);
    throw error;
  } finally {
    timer.abort(REQUEST_ENDED);
  }
}

/**
 * The timeout guards against real servers, so a small scale does not shorten it (at 0.1 a
 * loaded machine would miss 0.5 s); a scale above 1 stretches it, so slowed delays still fit.
 */
export function timeoutMs({ options, scale }: DemoContext<Options>): number {
  return options.timeout * Math.max(1, scale);
}
