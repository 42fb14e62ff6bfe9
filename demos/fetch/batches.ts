import { isAbortError } from '../../src/errors.js';
import { RequestError } from '../../src/http-client.js';
import type { TaskHandle } from '../../src/recorder.js';
import { formatCount } from '../../src/render/format.js';
import { acquire, fetchWithTimeout, requestAt, type Request, type Run } from './request.js';

/** Lanes in the chart for a big run, each a batch of consecutive requests. */
export const BATCHES = 10;

/**
 * A big run, summarised: a lane per batch of requests (from its first start to its last end),
 * progress lines instead of a line per request. One loop hands out the requests in order, each
 * once it holds a permit, so only the requests in flight exist at any time: memory stays flat
 * however many there are.
 */
export async function runBatches(run: Run, total: number): Promise<void> {
  const size = Math.ceil(total / BATCHES);
  run.ctx.log(
    `${formatCount(total)} requests in batches of ${formatCount(size)}: ` +
      'a line every tenth done, not one per request',
  );
  const lanes: Lane[] = [];
  const laneOf = (index: number) => (lanes[index] ??= openLane(run, index * size, total, size));
  // With a limit, every batch is there from the start, waiting for its first permit.
  if (run.limit) for (let first = 0; first < total; first += size) laneOf(first / size);
  const inFlight = new Set<Promise<void>>();
  try {
    for (let index = 0; index < total; index++) {
      if (run.limit) await acquire(run, run.limit);
      else run.signal.throwIfAborted();
      const lane = laneOf(Math.floor(index / size));
      lane.started();
      const done: Promise<void> = fetchCounted(run, requestAt(run.ctx.options, index)).then(
        (failed) => {
          run.limit?.release();
          inFlight.delete(done);
          lane.ended(failed);
        },
      );
      inFlight.add(done);
      if (run.mode === 'sequential') await done;
    }
  } catch (error) {
    if (!isAbortError(error)) throw error;
  } finally {
    await Promise.allSettled(inFlight);
    for (const lane of lanes) lane.stop();
    await Promise.allSettled(lanes.map((lane) => lane.task));
  }
}

/** True when the request failed; never rejects (a failure is counted, a few are logged). */
async function fetchCounted(run: Run, request: Request): Promise<boolean> {
  try {
    await fetchWithTimeout(run, request.target);
    return false;
  } catch (error) {
    if (error instanceof RequestError) run.progress.reportFailure(request.name, error);
    return !isAbortError(error);
  }
}

interface Lane {
  readonly task: Promise<unknown>;
  started(): void;
  ended(failed: boolean): void;
  /** Ends the lane as cancelled if requests of it never ran (the run was stopped). */
  stop(): void;
}

function openLane(run: Run, first: number, total: number, size: number): Lane {
  const count = Math.min(size, total - first);
  let left = count;
  let failed = 0;
  let running = !run.limit;
  let handle: TaskHandle | undefined;
  let finish: (result: { requests: number; failed: number }) => void = () => {};
  let cancel: (reason: unknown) => void = () => {};
  const finished = new Promise<{ requests: number; failed: number }>((resolve, reject) => {
    finish = resolve;
    cancel = reject;
  });
  const name = `requests ${formatCount(first + 1)}–${formatCount(first + count)}`;
  const task = run.ctx.task(
    name,
    (task) => {
      handle = task;
      return finished;
    },
    { phase: running ? 'running' : 'waiting' },
  );
  return {
    task,
    started() {
      if (running) return;
      running = true;
      handle?.phase('running');
    },
    ended(didFail) {
      if (didFail) failed++;
      if (--left === 0) finish({ requests: count, failed });
    },
    stop: () => cancel(new DOMException('the run stopped', 'AbortError')),
  };
}
