import { defineDemo, defineOption, type DemoContext } from '../../src/engine/demo.js';
import { Gauge } from '../../src/engine/gauge.js';
import { parseInteger, parseSeconds } from '../../src/engine/options.js';
import type { JsonValue, TaskHandle } from '../../src/engine/recorder.js';
import {
  formatCount,
  formatDuration,
  formatScaled,
  formatSeconds,
} from '../../src/engine/format.js';
import { Semaphore } from '../../src/primitives/semaphore.js';
import { batchesOf, DETAILED_UP_TO, laneName, runCrowd } from './crowd.js';

export const MAX_OPS = 1_000_000;
/** A sweep runs at most this many limits, so that --ops 1000 does not mean 1000 passes. */
export const MAX_SWEEP_LIMITS = 20;

const ops = defineOption<number>({
  flags: '--ops <n>',
  description: `how many operations to run (1 to ${formatCount(MAX_OPS)}; above ${DETAILED_UP_TO}, summarised)`,
  default: 5,
  parse: (raw) => parseInteger(raw, 1, MAX_OPS, 'the number of operations'),
});
const duration = defineOption<number>({
  flags: '--duration <seconds>',
  description: 'how long each operation takes',
  default: 2000,
  defaultLabel: '2',
  parse: (raw) => parseSeconds(raw, 3600, 'the duration of an operation'),
});
const limit = defineOption<number | null>({
  flags: '--limit <n>',
  description: 'how many operations may run at once in limited',
  default: null,
  // √ops: as many waves as operations per wave, a million operations in a thousand waves.
  defaultLabel: `2, or the square root of --ops above ${DETAILED_UP_TO}`,
  parse: (raw) => parseInteger(raw, 1, MAX_OPS, 'the limit'),
});

interface Options {
  ops: number;
  duration: number;
  limit: number | null;
}

/** The limit given, or the default for this many operations. */
export function limitOf({ ops, limit }: Pick<Options, 'ops' | 'limit'>): number {
  return limit ?? (isLarge(ops) ? Math.round(Math.sqrt(ops)) : 2);
}

/** Too many operations for a task each, and for a sequential run by default. */
function isLarge(ops: number): boolean {
  return ops > DETAILED_UP_TO;
}

export default defineDemo({
  name: 'semaphore',
  summary: 'limit how many operations run at once with a semaphore',
  lesson: 'A semaphore caps work in flight: faster than one by one, yet bounded.',
  hint:
    'In limited, every operation starts at 0 waiting for a permit (the dim part of its bar) and\n' +
    'runs once it holds one: Op1+Op2 run 0–2 s, Op3+Op4 2–4 s, Op5 4–6 s. The permitsInUse lane\n' +
    'never goes above the limit. --sweep (opt-in) runs limited once for every limit from 1 to --ops\n' +
    `(at most ${MAX_SWEEP_LIMITS} limits, evenly spaced, always 1 and --ops).`,
  inAsyncio: [
    'asyncio.Semaphore corresponds to our Semaphore (src/primitives).',
    'A released permit reaches the next waiter in a microtask here, before timers due at the same moment; asyncio wakes the waiter on a later turn of its loop.',
  ],
  examples: [
    'async-demos semaphore --limited',
    'async-demos semaphore --ops 8 --limit 3 --scale 0.5',
    'async-demos semaphore --sweep --scale 0.1',
  ],
  options: { ops, duration, limit },
  asyncioTwin: {
    variants: ['sequential', 'limited', 'unlimited', 'sweep'],
    // A task and its log lines per operation, as the Node demo shows them up to 20 operations.
    unsupported: ({ ops }) =>
      isLarge(ops) ? 'the asyncio twin runs at most 20 operations (--ops)' : null,
    input: (o) => plan(o),
  },
  // The widest names are enough to size the log's task column.
  taskNames: ({ ops }) => {
    const last = batchesOf(ops).at(-1);
    const lanes = isLarge(ops) && last ? [laneName(last.first, last.last)] : [`Op${ops}`];
    return [...lanes, `limit ${ops}`];
  },
  prepare(options, { scale, leftOut }) {
    if (!leftOut.includes('sequential')) return { state: undefined };
    const took = formatSeconds(Math.round((options.ops * options.duration * scale) / 100) * 100);
    return {
      state: undefined,
      notes: [
        `sequential not run: it would take ${took} at this scale; add --sequential to run it`,
      ],
    };
  },
  variants: {
    sequential: {
      summary: 'one operation after the other',
      ideal: (o) => o.ops * o.duration,
      // A million operations one after the other: days at any useful scale.
      optInWhen: ({ ops }) => isLarge(ops),
      async run(ctx) {
        if (isLarge(ctx.options.ops)) return runCrowd(ctx, 'sequential', plan(ctx.options));
        const tracker = concurrency(ctx);
        for (const name of opNames(ctx.options.ops)) {
          await ctx.task(name, (task) => runOp(ctx, name, tracker, task));
        }
      },
    },
    limited: {
      summary: (o) => `all start at once, a semaphore lets ${limitOf(o)} (--limit) run at a time`,
      ideal: (o) => limitedTime(o, limitOf(o)),
      async run(ctx) {
        if (isLarge(ctx.options.ops)) return runCrowd(ctx, 'limited', plan(ctx.options));
        const limit = limitOf(ctx.options);
        // The permitsInUse lane tells the story here; a running lane would repeat it.
        const tracker = concurrency(ctx, false);
        const semaphore = new Semaphore(limit);
        const permits = new Gauge(ctx, { counter: 'permitsInUse' });
        const limited = async (name: string, task: TaskHandle) => {
          const atOnce = semaphore.available > 0 && semaphore.waiting === 0;
          const acquiring = semaphore.acquire(ctx.signal);
          // Counted as the permit is taken: after the await, the count would include the
          // operations that took theirs in the meantime (Op1 would read "2 of 2").
          let inUse = semaphore.inUse;
          await acquiring;
          if (!atOnce) inUse = semaphore.inUse;
          permits.set(semaphore.inUse);
          try {
            task.phase('running');
            task.log(`got a permit (${inUse} of ${limit} in use)`);
            return await runOp(ctx, name, tracker, task);
          } finally {
            // A waiting operation takes the permit over at once: the count drops only near the end.
            semaphore.release();
            permits.set(semaphore.inUse);
          }
        };
        await Promise.all(
          opNames(ctx.options.ops).map((name) =>
            ctx.task(name, (task) => limited(name, task), { phase: 'waiting' }),
          ),
        );
      },
    },
    unlimited: {
      summary: 'all start at once, nothing holds them back',
      ideal: (o) => o.duration,
      async run(ctx) {
        if (isLarge(ctx.options.ops)) return runCrowd(ctx, 'unlimited', plan(ctx.options));
        const tracker = concurrency(ctx);
        await Promise.all(
          opNames(ctx.options.ops).map((name) =>
            ctx.task(name, (task) => runOp(ctx, name, tracker, task)),
          ),
        );
      },
    },
    sweep: {
      summary: `limited once for each limit from 1 to --ops, at most ${MAX_SWEEP_LIMITS} of them (opt-in: runs only with --sweep)`,
      optIn: true,
      passes: 'sweep',
      ideal: (o) => sweepLimits(o.ops).reduce((sum, k) => sum + limitedTime(o, k), 0),
      async run(ctx) {
        // Passes of many operations would sample the running lane millions of times.
        const tracker = concurrency(ctx, !isLarge(ctx.options.ops));
        const sweep: JsonValue[] = [];
        for (const k of sweepLimits(ctx.options.ops)) {
          await ctx.task(`limit ${k}`, async (task) => {
            const start = ctx.now();
            const semaphore = new Semaphore(k);
            // The pass only waits for its operations: the running lane shows them.
            await task.during(
              'awaiting',
              Promise.all(
                opNames(ctx.options.ops).map((name) =>
                  semaphore.use(() => runOp(ctx, name, tracker, null), ctx.signal),
                ),
              ),
            );
            const elapsedMs = ctx.now() - start;
            const idealMs = limitedTime(ctx.options, k) * ctx.scale;
            task.log(`took ${formatDuration(elapsedMs)} · ideal ${formatDuration(idealMs)}`);
            sweep.push({ name: `limit ${k}`, limit: k, elapsedMs, idealMs });
          });
        }
        ctx.stat('sweep', sweep);
      },
    },
  },
  columns: [{ header: 'Peak running', stat: 'peakConcurrency' }],
});

function plan(options: Options) {
  return { ...options, limit: limitOf(options) };
}

/** With `k` permits the operations run in waves of `k`. */
function limitedTime(o: Options, k: number): number {
  return Math.ceil(o.ops / k) * o.duration;
}

/** Every limit from 1 to `ops`, or MAX_SWEEP_LIMITS of them evenly spaced from 1 to `ops`. */
export function sweepLimits(ops: number): number[] {
  const count = Math.min(ops, MAX_SWEEP_LIMITS);
  if (count === 1) return [1];
  // With more ops than limits the step exceeds 1, so rounding never gives the same limit twice.
  return Array.from({ length: count }, (_, i) => Math.round(1 + (i * (ops - 1)) / (count - 1)));
}

function opNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Op${i + 1}`);
}

/** Counts the operations running at once, drawn as a `running` lane unless `drawn` is false. */
function concurrency(ctx: DemoContext<Options>, drawn = true): Gauge {
  const peakStat = 'peakConcurrency';
  return new Gauge(ctx, drawn ? { counter: 'running', peakStat } : { peakStat });
}

/** One operation: `duration` of non-blocking waiting, logged through `task` when given. */
async function runOp(
  ctx: DemoContext<Options>,
  name: string,
  tracker: Gauge,
  task: TaskHandle | null,
): Promise<string> {
  tracker.add(1);
  try {
    task?.log(`starts (${formatScaled(ctx.options.duration, ctx.scale)})`);
    await (task ? task.sleep(ctx.options.duration) : ctx.sleep(ctx.options.duration));
    task?.log('done');
    return `${name} done`;
  } finally {
    tracker.add(-1);
  }
}
