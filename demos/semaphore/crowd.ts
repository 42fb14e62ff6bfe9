import type { DemoContext } from '../../src/engine/demo.js';
import { formatCount } from '../../src/engine/format.js';
import { SharedSleeps } from '../../src/engine/shared-sleeps.js';
import { Gauge } from '../../src/engine/gauge.js';
import type { TaskHandle } from '../../src/engine/recorder.js';
import { Semaphore } from '../../src/primitives/semaphore.js';

/**
 * Many operations (`--ops` above DETAILED_UP_TO): each one is still a real async function that,
 * in limited, runs holding a permit of a real Semaphore (`use`), waiting in line for it first. Only the
 * display is summarised, so that it stays a screenful whatever the count: each chart lane is a
 * batch of consecutive operations (waiting until the first of them holds a permit, awaiting until
 * the last has ended), the log reports every 10% finished, and the permits (or running) counter
 * is sampled at every 1%.
 */
export const DETAILED_UP_TO = 20;
export const BATCHES = 10;
const LOG_STEPS = 10;
const SAMPLE_STEPS = 100;

export type Mode = 'sequential' | 'limited' | 'unlimited';

export interface CrowdOptions {
  ops: number;
  duration: number;
  limit: number;
}

interface Batch {
  first: number;
  last: number;
}

export async function runCrowd(
  ctx: DemoContext<unknown>,
  mode: Mode,
  { ops, duration, limit }: CrowdOptions,
): Promise<void> {
  const semaphore = mode === 'limited' ? new Semaphore(limit) : null;
  const running = new Gauge(ctx, { peakStat: 'peakConcurrency' });
  const counter = semaphore ? 'permitsInUse' : 'running';
  // Tenths of a millisecond: a thousand back-to-back waves of limited do not drift from the ideal.
  const sleeps = new SharedSleeps(ctx, 10);
  const progress = new Progress(ctx, ops, () =>
    ctx.sample(counter, semaphore ? semaphore.inUse : running.value),
  );

  /** What an operation does once it may run: `duration` of waiting, then it counts as done. */
  async function work(lane: Lane): Promise<void> {
    // The lane's first operation to hold a permit ends the lane's wait.
    lane.task.phase('awaiting');
    running.add(1);
    try {
      await sleeps.sleep(duration);
    } finally {
      running.add(-1);
    }
    progress.finish();
    lane.finish();
  }

  /**
   * One operation, a real async function; in limited it runs holding a permit (`use` waits in
   * line for one and gives it back however the work ends). It tells its lane how it ended, so
   * that nobody needs to hold on to its promise.
   */
  function operation(lane: Lane): Promise<void> {
    const done = semaphore ? semaphore.use(lane.work, ctx.signal) : lane.work();
    return done.catch(lane.fail);
  }

  const batches = batchesOf(ops);
  const ways = {
    sequential: 'one at a time',
    limited: `${limit} at a time`,
    unlimited: 'all at once',
  };
  ctx.log(`${formatCount(ops)} ops, ${ways[mode]}, in ${batches.length} lanes`);
  if (mode === 'sequential') {
    for (const batch of batches) {
      await runLane(ctx, batch, 'awaiting', work, async (lane) => {
        for (let i = batch.first; i <= batch.last && !lane.failed; i++) await operation(lane);
      });
    }
  } else {
    const lanes = batches.map((batch) =>
      runLane(ctx, batch, semaphore ? 'waiting' : 'awaiting', work, (lane) => {
        for (let i = batch.first; i <= batch.last; i++) void operation(lane);
      }),
    );
    // Every operation has been called by now: the permits are taken, the rest wait in line.
    progress.sample();
    await Promise.all(lanes);
    // The last operation counted itself done while it still held its permit.
    progress.sample();
  }
  ctx.stat('finished', progress.finished);
}

/** One lane of the chart: a task that ends when the last of its batch's operations has. */
function runLane(
  ctx: DemoContext<unknown>,
  { first, last }: Batch,
  phase: 'waiting' | 'awaiting',
  work: (lane: Lane) => Promise<void>,
  start: (lane: Lane) => Promise<void> | void,
): Promise<void> {
  const size = last - first + 1;
  const body = async (task: TaskHandle) => {
    const lane = new Lane(task, size, work);
    await start(lane);
    return lane.done;
  };
  return ctx.task(laneName(first, last), body, {
    phase,
    result: () => `${formatCount(size)} done`,
  });
}

/** A batch's task, ended by the last of its operations to finish or the first to fail. */
class Lane {
  readonly done: Promise<void>;
  /** One operation's work in this lane: a function made once, not once per operation. */
  readonly work: () => Promise<void>;
  failed = false;
  #left: number;
  #resolve: () => void = () => {};
  #reject: (error: unknown) => void = () => {};

  constructor(
    readonly task: TaskHandle,
    size: number,
    work: (lane: Lane) => Promise<void>,
  ) {
    this.work = () => work(this);
    this.#left = size;
    this.done = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  finish(): void {
    if (--this.#left === 0) this.#resolve();
  }

  readonly fail = (error: unknown): void => {
    this.failed = true;
    this.#reject(error);
  };
}

export function laneName(first: number, last: number): string {
  return `ops ${first + 1}–${last + 1}`;
}

/** Consecutive operations split into at most BATCHES groups of nearly equal size. */
export function batchesOf(count: number): Batch[] {
  const size = Math.ceil(count / BATCHES);
  const batches: Batch[] = [];
  for (let first = 0; first < count; first += size) {
    batches.push({ first, last: Math.min(count, first + size) - 1 });
  }
  return batches;
}

/** Counts finished operations; logs at every 10% and samples the counter at every 1%. */
class Progress {
  finished = 0;
  #nextLog = 1;
  #nextSample = 1;

  constructor(
    private readonly ctx: DemoContext<unknown>,
    private readonly total: number,
    readonly sample: () => void,
  ) {
    sample();
  }

  finish(): void {
    this.finished++;
    if (this.finished >= (this.#nextSample * this.total) / SAMPLE_STEPS) {
      this.sample();
      while (this.finished >= (this.#nextSample * this.total) / SAMPLE_STEPS) this.#nextSample++;
    }
    if (this.finished >= (this.#nextLog * this.total) / LOG_STEPS) {
      this.ctx.log(
        `${Math.floor((100 * this.finished) / this.total)}% finished ` +
          `(${formatCount(this.finished)} of ${formatCount(this.total)})`,
      );
      while (this.finished >= (this.#nextLog * this.total) / LOG_STEPS) this.#nextLog++;
    }
  }
}
