import { errorMessage, isAbortError } from '../../src/engine/errors.js';
import { RequestError } from './http-client.js';
import type { TaskHandle } from '../../src/engine/recorder.js';
import { formatCount } from '../../src/engine/format.js';
import { acquire, fetchWithTimeout, requestAt, requestTarget, type Run } from './request.js';

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
  const inFlight = new InFlight();
  try {
    for (let index = 0; index < total; index++) {
      if (run.limit) await acquire(run, run.limit);
      else run.signal.throwIfAborted();
      const done = fetchCounted(run, index, laneOf(Math.floor(index / size)));
      inFlight.add(done);
      if (run.mode === 'sequential') await done;
    }
  } catch (error) {
    if (!isAbortError(error)) throw error;
  } finally {
    await inFlight.drained();
    for (const lane of lanes) lane.stop();
    await Promise.all(lanes.map((lane) => lane.settled));
  }
}

/**
 * One request of a batch, from its lane's view; never rejects (a failure is counted, a few are
 * logged by name: the name is only made then, not for each of a million requests).
 */
async function fetchCounted(run: Run, index: number, lane: Lane): Promise<void> {
  lane.started();
  let failure: string | null = null;
  try {
    await fetchWithTimeout(run, requestTarget(run.targets, index));
  } catch (error) {
    const { name } = requestAt(run.targets, index);
    if (error instanceof RequestError) run.progress.reportFailure(name, error);
    if (!isAbortError(error)) failure = errorMessage(error);
  } finally {
    run.limit?.release();
  }
  lane.ended(failure);
}

/** Counts the requests still going, and says when the last has ended. */
class InFlight {
  #count = 0;
  #onDrained: (() => void) | null = null;

  add(done: Promise<void>): void {
    this.#count++;
    void done.then(() => {
      if (--this.#count === 0) this.#onDrained?.();
    });
  }

  drained(): Promise<void> {
    if (this.#count === 0) return Promise.resolve();
    return new Promise((resolve) => (this.#onDrained = resolve));
  }
}

interface Lane {
  /** Settles when the lane's task has ended, whatever its outcome (the task records it). */
  readonly settled: Promise<void>;
  started(): void;
  /** One request of the lane has ended: `failure` is why it failed, or null. */
  ended(failure: string | null): void;
  /** Ends the lane as cancelled if requests of it never ran (the run was stopped). */
  stop(): void;
}

function openLane(run: Run, first: number, total: number, size: number): Lane {
  const count = Math.min(size, total - first);
  let left = count;
  let failed = 0;
  let firstFailure = '';
  let running = !run.limit;
  let handle: TaskHandle | undefined;
  let finish: (result: { requests: number }) => void = () => {};
  let fail: (reason: unknown) => void = () => {};
  const finished = new Promise<{ requests: number }>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const name = `requests ${formatCount(first + 1)}–${formatCount(first + count)}`;
  const task = run.ctx.task(
    name,
    (task) => {
      handle = task;
      return finished;
    },
    { phase: running ? 'awaiting' : 'waiting' },
  );
  return {
    settled: task.then(
      () => {},
      () => {},
    ),
    started() {
      if (running) return;
      running = true;
      handle?.phase('awaiting');
    },
    ended(failure) {
      if (failure !== null && failed++ === 0) firstFailure = failure;
      if (--left > 0) return;
      // A lane with failures ends as an error, so the chart marks it ✗ and says why.
      if (failed === 0) finish({ requests: count });
      else fail(new Error(`${failed} of ${count} failed; the first: ${firstFailure}`));
    },
    stop: () => fail(new DOMException('the run stopped', 'AbortError')),
  };
}
