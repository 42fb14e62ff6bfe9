import type { DemoContext } from '../src/demo.js';
import { formatCount } from '../src/render/format.js';

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
}

interface Gathered {
  count: number;
  first: string;
  last: string;
}

export async function runCrowd(ctx: DemoContext<unknown>, roster: Roster, mode: Mode) {
  const batches = batchesOf(roster.count);
  const progress = new Progress(ctx, roster.count);
  ctx.log(
    `${formatCount(roster.count)} workers in ${batches.length} batches, ` +
      `a line every ${100 / LOG_STEPS}% of them finished`,
  );
  const gathered: Gathered[] = [];
  if (mode === 'concurrent') {
    gathered.push(
      ...(await Promise.all(batches.map((b) => runBatch(ctx, roster, b, mode, progress)))),
    );
  } else {
    for (const batch of batches) gathered.push(await runBatch(ctx, roster, batch, mode, progress));
  }
  ctx.stat('finished', progress.finished);
  const results = gathered.reduce((sum, batch) => sum + batch.count, 0);
  ctx.log(
    `results in creation order: ${gathered[0]?.first ?? ''} … ${gathered.at(-1)?.last ?? ''} ` +
      `(${formatCount(results)} results)`,
  );
}

/** One lane of the chart: its workers all run (together or in turn), results gathered in order. */
function runBatch(
  ctx: DemoContext<unknown>,
  roster: Roster,
  { first, last }: Batch,
  mode: Mode,
  progress: Progress,
): Promise<Gathered> {
  const worker = async (index: number) => {
    await ctx.sleep(roster.ms(index));
    progress.finish();
    return resultOf(roster.name(index));
  };
  return ctx.task(
    `workers ${first + 1}–${last + 1}`,
    async () => {
      const results: string[] = [];
      if (mode === 'concurrent') {
        const started: Promise<string>[] = [];
        for (let i = first; i <= last; i++) started.push(worker(i));
        results.push(...(await Promise.all(started)));
      } else {
        for (let i = first; i <= last; i++) results.push(await worker(i));
      }
      return { count: results.length, first: results[0] ?? '', last: results.at(-1) ?? '' };
    },
    { result: ({ count }) => `${formatCount(count)} results` },
  );
}

/** Consecutive workers split into at most BATCHES groups of nearly equal size. */
export function batchesOf(count: number): Batch[] {
  const size = Math.ceil(count / BATCHES);
  const batches: Batch[] = [];
  for (let first = 0; first < count; first += size) {
    batches.push({ first, last: Math.min(count, first + size) - 1 });
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
