import { availableParallelism } from 'node:os';
import { measureRate, startCpuWorkers, sumOfSquaresInSlices, type CpuWorker } from './cpu-work.js';
import { defineDemo, defineOption, type DemoContext } from '../../src/engine/demo.js';
import { parseInteger } from '../../src/engine/options.js';
import { formatCount } from '../../src/engine/format.js';
import { LOOP_DELAY_COLUMNS } from '../../src/engine/heartbeat.js';
import { throwIfStopRequested } from '../../src/engine/stop-request.js';
import { watchForStopRequests } from '../../src/engine/stop-watcher.js';

/** One CPU task takes about this long (times the scale): the loop is sized to it at start. */
const TASK_MS = 1000;
const IO_MS = 1000;
const MAX_ITERATIONS = 2 ** 52;

/** The CPU work of one task, as `prepare` sizes it for this machine. */
interface CpuWork {
  /** The loop's size: given with --iterations, or measured to take TASK_MS × scale here. */
  iterations: number;
  /** How long one task takes here, in unscaled milliseconds. */
  ms: number;
  /** One worker thread per task, started and warmed up by `prepare`, stopped by its dispose. */
  workers: readonly CpuWorker[];
}

/** Null when no CPU variant runs: nothing was measured, no thread started. */
type CpuState = CpuWork | null;
type Context = DemoContext<Options, CpuState>;

const tasks = defineOption<number>({
  flags: '--tasks <n>',
  description: 'how many CPU tasks and how many I/O tasks',
  default: 3,
  parse: (raw) => parseInteger(raw, 1, 16, 'a number of tasks'),
});

const iterations = defineOption<number | null>({
  flags: '--iterations <n>',
  description: 'loop size of one CPU task (sum of i*i for i below n)',
  default: null,
  defaultLabel: 'sized to take 1 s × scale',
  parse: (raw) => parseInteger(raw, 1, MAX_ITERATIONS, 'a loop size'),
});

/** The demo's options, exported for tests. */
export const options = { tasks, iterations };

interface Options {
  tasks: number;
  iterations: number | null;
}

/** How many threads truly run at once here. */
const cores = availableParallelism();

export default defineDemo({
  name: 'cpu-vs-io',
  summary: 'what concurrency cannot speed up: CPU work on one thread, and what threads change',
  lesson: 'Concurrency overlaps waiting, not computing: CPU work needs threads.',
  hint:
    'Promise.all does not make CPU work faster: the tasks still run one after the other and the\n' +
    'heartbeat stops until they are done. Worker threads run them at once, up to the number of\n' +
    'cores, and the heartbeat keeps ticking. Waiting (I/O) overlaps for free.',
  inAsyncio: [
    'worker_threads correspond to processes (multiprocessing, ProcessPoolExecutor), not to Python threads: asyncio.to_thread gives no speed-up for CPU work because of the GIL (measured: 79-98 ms vs 89-102 ms sequential); worker threads do (1.5-1.85x on 2 cores).',
    'asyncio.gather of CPU loops takes as long as running them in turn, as Promise.all does.',
  ],
  examples: ['async-demos cpu-vs-io --scale 0.3', 'async-demos cpu-vs-io --threads --tasks 4'],
  options,
  // The twin sizes its own loop to take as long as one task here (Python's is far slower); its
  // threads runs the loops in processes, then on threads with asyncio.to_thread (the GIL).
  asyncioTwin: {
    variants: ['sequential', 'concurrent', 'threads', 'io-sequential', 'io-concurrent'],
    input: ({ tasks }, work: CpuState) => ({ tasks, taskMs: work?.ms ?? null }),
  },
  taskNames: ({ tasks }) => [`cpu-${tasks}`, `io-${tasks}`],
  columns: [...LOOP_DELAY_COLUMNS],
  async prepare(options, { scale, signal, variants }) {
    const runs = (variant: string) => variants.includes(variant);
    if (!['sequential', 'concurrent', 'threads'].some(runs)) return { state: null as CpuState };
    // The loops on this thread hold it: a thread of its own hears Ctrl-C meanwhile. Started
    // before the calibration, so that its start does not slow the loop being timed.
    const holdsThread = ['sequential', 'concurrent'].some(runs);
    const stopWatching = holdsThread ? await watchForStopRequests() : undefined;
    const rate = measureRate();
    const given = options.iterations;
    const iterations = given ?? Math.max(1, Math.round(rate * TASK_MS * scale));
    const ms = given === null ? TASK_MS : given / rate / scale;
    let workers: CpuWorker[] = [];
    try {
      // Started here, so that the threads variant times the work and not the threads' start-up.
      if (runs('threads')) workers = await startCpuWorkers(options.tasks, signal);
    } catch (error) {
      await stopWatching?.();
      throw error;
    }
    return {
      state: { iterations, ms, workers },
      notes: [
        `measured ${formatCount(Math.round(rate))} loop iterations per ms: ` +
          `${formatCount(iterations)} per CPU task` +
          (workers.length > 0 ? ` · ${workers.length} worker threads ready` : '') +
          ` · ${cores} cores`,
      ],
      dispose: async () => {
        await Promise.all([...workers.map((worker) => worker.terminate()), stopWatching?.()]);
      },
    };
  },
  variants: {
    sequential: {
      group: 'cpu',
      summary: 'CPU tasks one after the other on the event loop',
      ideal: ({ tasks }, work) => tasks * taskMs(work),
      heartbeat: true,
      async run(ctx) {
        for (const id of taskIds(ctx)) await cpuTask(ctx, id);
      },
    },
    concurrent: {
      group: 'cpu',
      summary: 'CPU tasks under Promise.all: still one thread, no faster',
      ideal: ({ tasks }, work) => tasks * taskMs(work),
      heartbeat: true,
      async run(ctx) {
        await Promise.all(taskIds(ctx).map((id) => cpuTask(ctx, id)));
      },
    },
    threads: {
      group: 'cpu',
      summary: 'CPU tasks on worker threads, one each: faster up to the number of cores',
      ideal: ({ tasks }, work) => (tasks * taskMs(work)) / Math.min(tasks, cores),
      heartbeat: true,
      async run(ctx) {
        ctx.stat('threads', ctx.options.tasks);
        ctx.stat('cores', cores);
        await Promise.all(taskIds(ctx).map((id) => threadTask(ctx, id)));
      },
    },
    'io-sequential': {
      group: 'io',
      summary: 'I/O tasks (1 s waits) one after the other',
      ideal: ({ tasks }) => tasks * IO_MS,
      heartbeat: true,
      async run(ctx) {
        for (const id of taskIds(ctx)) await ioTask(ctx, id);
      },
    },
    'io-concurrent': {
      group: 'io',
      summary: 'I/O tasks under Promise.all: the waits overlap',
      ideal: () => IO_MS,
      heartbeat: true,
      async run(ctx) {
        await Promise.all(taskIds(ctx).map((id) => ioTask(ctx, id)));
      },
    },
  },
});

function taskIds(ctx: Context): number[] {
  return Array.from({ length: ctx.options.tasks }, (_, i) => i + 1);
}

/** How long one CPU task takes, in unscaled ms: as measured, or as aimed at before measuring. */
function taskMs(work: CpuState): number {
  return work?.ms ?? TASK_MS;
}

function cpuWork(ctx: Context): CpuWork {
  if (ctx.state === null) throw new Error('cpu-vs-io sizes its CPU work in prepare()');
  return ctx.state;
}

/** Blocks the thread for the whole loop: nothing else on the event loop runs meanwhile. */
function cpuTask(ctx: Context, id: number): Promise<number> {
  const n = cpuWork(ctx).iterations;
  return ctx.task(
    `cpu-${id}`,
    // eslint-disable-next-line @typescript-eslint/require-await -- async, and still blocking
    async (task) => {
      task.log(`sum of i*i below ${formatCount(n)}, mod 2^32…`);
      // In slices, each checking for a stop request: the loop holds the thread all the same.
      const sum = sumOfSquaresInSlices(n, () => throwIfStopRequested(ctx.signal));
      task.log(`= ${sum}`);
      // Done when its loop is: the promise settles later, once the thread is free again.
      task.succeed(sum);
      return sum;
    },
  );
}

/** The same loop on a worker thread: the event loop stays free, the heartbeat keeps ticking. */
function threadTask(ctx: Context, id: number): Promise<number> {
  const { iterations: n, workers } = cpuWork(ctx);
  const worker = workers[id - 1];
  if (!worker) throw new Error('cpu-vs-io starts its worker threads in prepare()');
  return ctx.task(`cpu-${id}`, async (task) => {
    task.log(`sum of i*i below ${formatCount(n)}, mod 2^32, on thread ${worker.threadId}…`);
    const sum = await task.during('off-thread', worker.sumOfSquares(n, ctx.signal));
    task.log(`= ${sum}`);
    return sum;
  });
}

function ioTask(ctx: Context, id: number): Promise<string> {
  return ctx.task(`io-${id}`, async (task) => {
    task.log('waiting for a 1 s reply…');
    await task.sleep(IO_MS);
    return `reply ${id}`;
  });
}
