import type { DemoContext } from '../../src/engine/demo.js';
import { DEFAULT_CONNECTIONS_PER_ORIGIN, RequestError, formatBytes } from './http-client.js';
import { formatDuration } from '../../src/engine/format.js';
import { Semaphore } from '../../src/primitives/semaphore.js';
import { runBatches } from './batches.js';
import { Progress } from './progress.js';
import { Timeouts } from './timeouts.js';
import {
  acquire,
  fetchWithTimeout,
  requestAt,
  requestCount,
  shownUrl,
  timeoutMs,
  type Fetched,
  type Mode,
  type Request,
  type RequestOptions,
  type Requests,
  type Run,
} from './request.js';

export type { Fetched, Requests, Target } from './request.js';

/** Up to this many requests, each is a task of its own (a row, a lane); above, they go in batches. */
export const ROWS_PER_REQUEST_UP_TO = 20;

/**
 * A big run without --limit still has no more requests at once than one origin has connections:
 * the others would only wait in the pool, and a hundred thousand of them took gigabytes.
 */
export const BIG_RUN_LIMIT = DEFAULT_CONNECTIONS_PER_ORIGIN;

/** Makes every request of the run, one after the other or all at once, and records stats. */
export async function runRequests(
  ctx: DemoContext<RequestOptions>,
  { client, targets }: Requests,
  mode: Mode,
): Promise<void> {
  const total = requestCount(targets, ctx.options.count);
  const summarise = total > ROWS_PER_REQUEST_UP_TO;
  const limit = ctx.options.limit ?? (summarise ? BIG_RUN_LIMIT : null);
  const run: Run = {
    ctx,
    client,
    targets,
    mode,
    limit: mode === 'concurrent' && limit !== null ? new Semaphore(limit) : null,
    progress: new Progress(ctx, total, summarise),
    timeouts: new Timeouts(ctx, timeoutMs(ctx)),
    signal: ctx.signal,
  };
  try {
    if (summarise) {
      await runBatches(run, total);
      return;
    }
    const requests = Array.from({ length: total }, (_, i) => requestAt(targets, i));
    if (mode === 'concurrent') {
      await Promise.allSettled(requests.map((request) => requestTask(run, request)));
      return;
    }
    for (const request of requests) {
      if (run.signal.aborted) return;
      // A failure is a row already; the next request goes on.
      await requestTask(run, request).catch(() => {});
    }
  } finally {
    run.timeouts.stop();
    run.progress.finish();
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
        task.log(`GET ${shownUrl(request.target.url)}`);
        const response = await task.during('awaiting', fetchWithTimeout(run, request.target));
        const { status, bytes, ms } = response;
        task.log(`${status} · ${formatBytes(bytes)} · ${formatDuration(ms)}`);
        return { url: shownUrl(request.target.url), ...response };
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
