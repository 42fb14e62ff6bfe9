import { defineDemo, defineOption, type DemoContext } from '../../src/engine/demo.js';
import { parseInteger } from '../../src/engine/options.js';
import { createRandom, type Random } from '../../src/engine/random.js';
import { formatCount, formatScaled, formatSeconds } from '../../src/engine/format.js';
import { resultOf, runCrowd, type Mode, type Roster } from './crowd.js';

interface Options {
  /** `--count n`: n workers with random durations; null for Alice, Bob and Charlie. */
  count: number | null;
}

/** The durations of `--count` workers (unscaled ms, in creation order), drawn once by `prepare`. */
interface Drawn {
  durations: Float64Array | null;
}

type Context = DemoContext<Options, Drawn>;

const NAMED = [
  { name: 'Alice', ms: 2000 },
  { name: 'Bob', ms: 3000 },
  { name: 'Charlie', ms: 1000 },
] as const;
export const MIN_MS = 500;
export const MAX_MS = 3000;
export const MAX_COUNT = 1_000_000;
/** Up to this many workers, each one is a task of its own with its own log lines. */
export const DETAILED_UP_TO = 20;

const count = defineOption<number | null>({
  flags: '--count <n>',
  description: `run n workers of ${formatSeconds(MIN_MS)} to ${formatSeconds(MAX_MS)} each, drawn with the seed (1 to ${formatCount(MAX_COUNT)})`,
  default: null,
  defaultLabel: 'Alice, Bob and Charlie',
  parse: (raw) => parseInteger(raw, 1, MAX_COUNT, 'a count'),
});

export default defineDemo({
  name: 'workers',
  summary: 'tasks run together, results kept in the order they were created',
  lesson: 'Awaited together, independent tasks take as long as the longest one.',
  hint:
    'In concurrent, all start at 0 and end in order of duration (Charlie, Alice, Bob), yet\n' +
    'Promise.all gives the results in creation order. Above 20 workers (--count), every worker is\n' +
    'still a real async function awaiting its own promise, gathered by one Promise.all; only the\n' +
    'display is summarised: each lane is a batch of consecutive workers, the log reports every\n' +
    '10%. Workers due in the same millisecond share one timer (a million cost about 4.5 s and\n' +
    '0.9 GB at --scale 0.01; see npm run bench:workers). Above 20 workers a\n' +
    'full run leaves sequential out (it takes the sum of every duration: hours for a million);\n' +
    'add --sequential to run it anyway. Starting a million workers on one thread takes about\n' +
    'half a second: the last ones start (and end) that much late, whatever the scale.',
  inAsyncio: [
    "A JavaScript async function starts running when it is called; a Python coroutine does nothing until it is awaited or wrapped in a task (create_task), so asyncio logs 'tasks created' before any worker starts.",
    'Promise.all corresponds to asyncio.gather, which also returns the results in the order of its arguments.',
  ],
  examples: [
    'async-demos workers --scale 0.1',
    'async-demos workers --count 10000',
    'async-demos workers --count 1000000 --scale 0.1',
    'async-demos workers --count 100 --scale 0.1 --sequential',
  ],
  options: { count },
  asyncioTwin: {
    variants: ['sequential', 'concurrent'],
    unsupported: ({ count }) =>
      count === null
        ? null
        : 'the asyncio twin runs Alice, Bob and Charlie only (leave out --count)',
  },
  taskNames: (_, { durations }: Drawn) =>
    durations === null
      ? NAMED.map((worker) => worker.name)
      : [workerName(durations.length - 1, durations.length)],
  /** Draws the durations once, before any variant, so that both variants meet the same ones. */
  prepare(options, { seed, scale, leftOut }) {
    if (options.count === null) return { state: { durations: null } };
    const drawn: Drawn = { durations: drawDurations(createRandom(seed), options.count) };
    const notes = [];
    if (leftOut.includes('sequential')) {
      const sum = scale * total(drawn, (a, b) => a + b);
      notes.push(
        `sequential not run: it would take ${roughly(sum)} at this scale; add --sequential to run it`,
      );
    }
    return { state: drawn, notes };
  },
  variants: {
    sequential: {
      summary: 'await each worker before starting the next',
      ideal: (_options, drawn) => total(drawn, (sum, ms) => sum + ms),
      // The sum of every duration: a full run of a large count would not end for hours.
      optInWhen: ({ count }) => isLarge(count),
      run: (ctx) => runWorkers(ctx, 'sequential'),
    },
    concurrent: {
      summary: 'start every worker, then gather the results with Promise.all',
      ideal: (_options, drawn) => total(drawn, (longest, ms) => Math.max(longest, ms)),
      run: (ctx) => runWorkers(ctx, 'concurrent'),
    },
  },
});

async function runWorkers(ctx: Context, mode: Mode): Promise<void> {
  const roster = rosterOf(ctx);
  ctx.stat('workers', roster.count);
  if (roster.count > DETAILED_UP_TO) {
    await runCrowd(ctx, roster, mode);
    return;
  }
  const results: string[] = [];
  const calls = { count: 0 };
  if (mode === 'concurrent') {
    const started = Array.from({ length: roster.count }, (_, i) => work(ctx, roster, i, calls));
    results.push(...(await Promise.all(started)));
  } else {
    for (let i = 0; i < roster.count; i++) results.push(await work(ctx, roster, i, calls));
  }
  ctx.stat('workerCalls', calls.count);
  ctx.stat('finished', results.length);
  const shown = results.length > 5 ? [...results.slice(0, 2), '…', ...results.slice(-1)] : results;
  ctx.log(`results in creation order: ${shown.join(', ')}`);
}

function work(
  ctx: Context,
  roster: Roster,
  index: number,
  calls: { count: number },
): Promise<string> {
  const name = roster.name(index);
  return ctx.task(name, async (task) => {
    calls.count++;
    task.log(`starts, works ${formatScaled(roster.ms(index), ctx.scale)}`);
    await task.sleep(roster.ms(index));
    task.log('done');
    return resultOf(name);
  });
}

function rosterOf(ctx: Context): Roster {
  const { durations } = ctx.state;
  if (durations === null) {
    return { count: NAMED.length, name: (i) => NAMED[i]?.name ?? '', ms: (i) => NAMED[i]?.ms ?? 0 };
  }
  return {
    count: durations.length,
    name: (i) => workerName(i, durations.length),
    ms: (i) => durations[i] ?? 0,
  };
}

/** `worker-000001`: numbered to one width, so that names line up. */
function workerName(index: number, count: number): string {
  const digits = Math.max(6, String(count).length);
  return `worker-${String(index + 1).padStart(digits, '0')}`;
}

/** Whole milliseconds from MIN_MS to MAX_MS, one per worker in creation order. */
export function drawDurations(random: Random, count: number): Float64Array {
  const draws = random.fork('workers');
  const durations = new Float64Array(count);
  for (let i = 0; i < count; i++) durations[i] = draws.wholeMs(MIN_MS, MAX_MS);
  return durations;
}

/** The ideal of the named workers, or of the durations drawn with the seed. */
function total({ durations }: Drawn, combine: (a: number, b: number) => number): number {
  if (durations === null) return NAMED.map((worker): number => worker.ms).reduce(combine);
  return durations.reduce(combine, 0);
}

/** Too many workers for a task each, and for a sequential run by default. */
function isLarge(count: number | null): boolean {
  return count !== null && count > DETAILED_UP_TO;
}

/** A long duration in the unit a user thinks in: about 29 min, about 4.9 h. */
function roughly(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return formatSeconds(Math.round(ms / 100) * 100);
  if (minutes < 120) return `about ${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `about ${Number(hours.toPrecision(2))} h`;
  return `about ${Number((hours / 24).toPrecision(2))} days`;
}
