import type { DemoContext } from '../../src/engine/demo.js';
import { formatCount } from '../../src/engine/format.js';

/**
 * A large run of workers, summarised so that its output stays a screenful whatever the count:
 * each chart lane is a batch of consecutive workers (from its first start to its last end), the
 * log reports progress every 10%, and the `finished` counter is sampled every 1%.
 */
export const BATCHES = 20;
const LOG_STEPS = 10;
const SAMPLE_STEPS = 100;

/** The workers of a run, described by index so that a million of them cost no objects. */
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

interface Gathered {
  count: number;
  first: string;
  last: string;
}

export async function runCrowd(ctx: DemoContext<unknown>, roster: Roster, mode: Mode) {
  const batches = batchesOf(roster.count);
  const progress = new Progress(ctx, roster.count);
  const finish = (index: number) => {
    progress.finish();
    return resultOf(roster.name(index));
  };
  ctx.log(
    `${formatCount(roster.count)} workers in ${batches.length} batches, ` +
      `a line every ${100 / LOG_STEPS}% of them finished`,
  );
  const crowd = { ctx, roster, batches, finish };
  const gathered =
    mode === 'concurrent' ? await runConcurrently(crowd) : await runSequentially(crowd);
  ctx.stat('finished', progress.finished);
  const results = gathered.reduce((sum, batch) => sum + batch.count, 0);
  ctx.log(
    `results in creation order: ${gathered[0]?.first ?? ''} … ${gathered.at(-1)?.last ?? ''} ` +
      `(${formatCount(results)} results)`,
  );
}

interface Crowd {
  ctx: DemoContext<unknown>;
  roster: Roster;
  batches: Batch[];
  /** Counts worker `index` as finished and returns its result. */
  finish: (index: number) => string;
}

/** Every batch at once; one set of alarms wakes each worker in whichever batch it belongs to. */
function runConcurrently({ ctx, roster, batches, finish }: Crowd): Promise<Gathered[]> {
  const waiting: Sleepers[] = [];
  const size = batches[0]?.size ?? 1;
  const alarms = new Alarms(ctx, {
    wake: (index) => waiting[Math.floor(index / size)]?.wake(index),
    fail: (error) => {
      for (const sleepers of waiting) sleepers.fail(error);
    },
  });
  return Promise.all(
    batches.map((batch, b) =>
      runBatch(ctx, batch, (results) => {
        return new Promise<void>((resolve, reject) => {
          let running = results.length;
          waiting[b] = {
            wake(index) {
              results[index - batch.first] = finish(index);
              if (--running === 0) resolve();
            },
            fail: reject,
          };
          for (let i = batch.first; i <= batch.last; i++) alarms.set(i, roster.ms(i));
        });
      }),
    ),
  );
}

/** One batch after the other, and within a batch one worker after the other. */
async function runSequentially({ ctx, roster, batches, finish }: Crowd): Promise<Gathered[]> {
  const gathered: Gathered[] = [];
  for (const batch of batches) {
    gathered.push(
      await runBatch(ctx, batch, async (results) => {
        for (let i = batch.first; i <= batch.last; i++) {
          await ctx.sleep(roster.ms(i));
          results[i - batch.first] = finish(i);
        }
      }),
    );
  }
  return gathered;
}

/** One lane of the chart: `work` runs the batch's workers and fills their results in order. */
function runBatch(
  ctx: DemoContext<unknown>,
  { first, last }: Batch,
  work: (results: string[]) => Promise<void>,
): Promise<Gathered> {
  return ctx.task(
    `workers ${first + 1}–${last + 1}`,
    async () => {
      // Filled up front: a packed array, written in any order, stays fast at 50,000 slots.
      const results = new Array<string>(last - first + 1).fill('');
      await work(results);
      return { count: results.length, first: results[0] ?? '', last: results.at(-1) ?? '' };
    },
    { result: ({ count }) => `${formatCount(count)} results` },
  );
}

interface Sleepers {
  wake(index: number): void;
  /** A sleep was aborted: the run was stopped. */
  fail(error: unknown): void;
}

/**
 * Many workers asleep at once, each until its own deadline, on few timers: the workers due in the
 * same millisecond wake on one shared sleep (as Node's own timer lists share one timer). Measured
 * for a million workers at --scale 0.01 on a loaded 2-core machine: a sleep (promise, timer and
 * abort hook) per worker took 44 s and 1.8 GB, nearly all garbage collection; a promise per
 * worker on shared sleeps 13 s and 530 MB; a worker index per shared sleep, as here, about 1.5 s
 * and 230 MB. A worker wakes up to 1 ms late, never early.
 */
export class Alarms {
  readonly #due = new Map<number, number[]>();

  constructor(
    private readonly ctx: DemoContext<unknown>,
    private readonly sleepers: Sleepers,
  ) {}

  /** Wakes worker `index` after `ms` scenario milliseconds (times the scale). */
  set(index: number, ms: number): void {
    const now = this.ctx.now();
    const slot = Math.ceil(now + ms * this.ctx.scale);
    const waiting = this.#due.get(slot);
    if (waiting) {
      waiting.push(index);
      return;
    }
    const due = [index];
    this.#due.set(slot, due);
    this.ctx.sleep((slot - now) / this.ctx.scale).then(
      () => {
        this.#due.delete(slot);
        for (const worker of due) this.sleepers.wake(worker);
      },
      (error: unknown) => this.sleepers.fail(error),
    );
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
