import type { DemoContext } from '../../src/engine/demo.js';
import { formatCount } from '../../src/engine/format.js';
import { rejected, SharedSleeps } from '../../src/engine/shared-sleeps.js';

/**
 * A large run of workers: N real async functions, each awaiting its own promise and returning its
 * result, gathered by one Promise.all (concurrent) or awaited one after the other (sequential).
 * Only the display is summarised, so that the output stays a screenful whatever the count: each
 * chart lane is a batch of consecutive workers (from its first start to its last end), the log
 * reports progress every 10%, and the `finished` counter is sampled every 1%.
 */
export const BATCHES = 20;
const LOG_STEPS = 10;
const SAMPLE_STEPS = 100;

/** The workers of a run, described by index so that the roster itself costs no objects. */
export interface Roster {
  count: number;
  name(index: number): string;
  ms(index: number): number;
}

export type Mode = 'sequential' | 'concurrent';

export function resultOf(name: string): string {
  return `${name}'s result`;
}

interface Batch {
  first: number;
  last: number;
  size: number;
}

export async function runCrowd(ctx: DemoContext<unknown>, roster: Roster, mode: Mode) {
  const batches = batchesOf(roster.count);
  const progress = new Progress(ctx, roster.count);
  const alarms = new SharedSleeps(ctx);
  const lanes = new Lanes(batches);
  let calls = 0;
  /** One worker: a real async function call, awaiting its own promise, returning its result. */
  async function worker(index: number): Promise<string> {
    calls++;
    await alarms.sleep(roster.ms(index));
    progress.finish();
    lanes.finish(index);
    return resultOf(roster.name(index));
  }
  ctx.log(
    `${formatCount(roster.count)} workers in ${batches.length} batches, ` +
      `a line every ${100 / LOG_STEPS}% of them finished`,
  );
  let results: string[];
  try {
    results =
      mode === 'concurrent'
        ? await runConcurrently(ctx, batches, lanes, worker)
        : await runSequentially(ctx, batches, lanes, worker);
  } finally {
    ctx.stat('workerCalls', calls);
    ctx.stat('finished', progress.finished);
  }
  ctx.log(
    `results in creation order: ${results[0] ?? ''} … ${results.at(-1) ?? ''} ` +
      `(${formatCount(results.length)} results)`,
  );
}

type Worker = (index: number) => Promise<string>;

/**
 * Every worker started in creation order, then one Promise.all over the N promises. A lane is a
 * task that starts with its batch's first worker and ends with its last.
 */
async function runConcurrently(
  ctx: DemoContext<unknown>,
  batches: Batch[],
  lanes: Lanes,
  worker: Worker,
): Promise<string[]> {
  const started = new Array<Promise<string>>(lanes.count);
  const laneTasks = batches.map((batch, b) =>
    lane(ctx, batch, () => {
      const done = lanes.await(b);
      for (let i = batch.first; i <= batch.last; i++) started[i] = worker(i);
      return done;
    }),
  );
  try {
    return await Promise.all(started);
  } catch (error) {
    lanes.fail(error);
    throw error;
  } finally {
    // The lanes settle with their workers; awaited so that none is left open or unhandled.
    await Promise.allSettled(laneTasks);
  }
}

/** One batch after the other, and within a batch one worker after the other. */
async function runSequentially(
  ctx: DemoContext<unknown>,
  batches: Batch[],
  lanes: Lanes,
  worker: Worker,
): Promise<string[]> {
  const results: string[] = [];
  for (const batch of batches) {
    await lane(ctx, batch, async () => {
      for (let i = batch.first; i <= batch.last; i++) results.push(await worker(i));
    });
  }
  return results;
}

/** One lane of the chart: a task that ends when `work` (its batch's workers) does. */
function lane(ctx: DemoContext<unknown>, { first, last }: Batch, work: () => Promise<void>) {
  const size = last - first + 1;
  // Its workers do nothing but await their timers: the lane is awaiting throughout.
  return ctx.task(`workers ${first + 1}–${last + 1}`, (task) => task.during('awaiting', work()), {
    result: () => `${formatCount(size)} results`,
  });
}

/** Counts each batch's finished workers and resolves its lane when the last one has finished. */
class Lanes {
  readonly count: number;
  readonly #size: number;
  readonly #left: number[];
  readonly #resolve: ((value: void | PromiseLike<void>) => void)[] = [];

  constructor(batches: Batch[]) {
    this.count = batches.reduce((sum, batch) => sum + batch.last - batch.first + 1, 0);
    this.#size = batches[0]?.size ?? 1;
    this.#left = batches.map((batch) => batch.last - batch.first + 1);
  }

  /** A promise for batch `b`'s end (concurrent runs only). */
  await(b: number): Promise<void> {
    return new Promise<void>((resolve) => (this.#resolve[b] = resolve));
  }

  finish(index: number): void {
    const b = Math.floor(index / this.#size);
    const left = this.#left[b];
    if (left === undefined) return;
    this.#left[b] = left - 1;
    if (left === 1) this.#resolve[b]?.();
  }

  fail(error: unknown): void {
    const failed = rejected(error);
    for (const resolve of this.#resolve) resolve(failed);
  }
}

/** Consecutive workers split into at most BATCHES groups of nearly equal size. */
export function batchesOf(count: number): Batch[] {
  const size = Math.ceil(count / BATCHES);
  const batches: Batch[] = [];
  for (let first = 0; first < count; first += size) {
    batches.push({ first, last: Math.min(count, first + size) - 1, size });
  }
  return batches;
}
/** Counts finished workers; logs at every 10% and samples the count at every 1%. */
class Progress {
  finished = 0;
  #nextLog = 1;
  #nextSample = 1;

  constructor(
    private readonly ctx: DemoContext<unknown>,
    private readonly total: number,
  ) {
    ctx.sample('finished', 0);
  }

  finish(): void {
    this.finished++;
    if (this.finished >= (this.#nextSample * this.total) / SAMPLE_STEPS) {
      this.ctx.sample('finished', this.finished);
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
