import { defineDemo, defineOption, type DemoContext } from '../../src/engine/demo.js';
import { Gauge } from '../../src/engine/gauge.js';
import { parseInteger } from '../../src/engine/options.js';
import { BoundedQueue } from '../../src/primitives/queue.js';
import type { PhaseName, TaskHandle } from '../../src/engine/recorder.js';
import { formatScaled } from '../../src/engine/format.js';
import { createRandom } from '../../src/engine/random.js';
import { getWithin } from './get-within.js';
import { pipelineTime, plan, type PipelineShape, type PlannedItem } from './plan.js';

const count = (what: string, fallback: number, max: number, description: string) =>
  defineOption<number>({
    flags: `--${what} <n>`,
    description,
    default: fallback,
    parse: (raw) => parseInteger(raw, 1, max, `--${what}`),
  });

/** How long a consumer of timeout-stop waits for an item before it stops. */
export const GIVE_UP_MS = 3000;

/** Every item's durations, drawn once by `prepare` so that every variant and ideal meets them. */
interface Plan {
  items: PlannedItem[][];
}

type Context = DemoContext<PipelineShape, Plan>;

export default defineDemo({
  name: 'producer-consumer',
  summary: 'producers and consumers passing items through a bounded queue',
  lesson: 'A bounded queue overlaps making and using; when full, producers wait.',
  hint:
    'Producers wait (dim) while the queue is full, consumers while it is empty; the queueDepth\n' +
    'lane never goes above --capacity. After the producers finish, join() waits until every\n' +
    'item is processed, then the consumers are cancelled. timeout-stop lets each consumer stop\n' +
    'instead once a get has waited 3 s for an item: the same items are processed, but the run\n' +
    'ends 3 s after the last one, which is why join-then-cancel is the better way (compare\n' +
    'their times in the table). Every variant uses the same random durations (change them with\n' +
    '--seed). With the default three consumers the queue rarely fills; with --consumers 1 it\n' +
    'does, and the producers are held back.',
  inAsyncio: [
    'asyncio.Queue(maxsize) with put, get, task_done and join corresponds to our BoundedQueue (src/primitives).',
    'A consumer that stops when asyncio.wait_for(queue.get(), 3) times out is timeout-stop here: an AbortSignal from the clock ends the get.',
    "Cancelling the consumers: asyncio injects CancelledError at their await (or the TaskGroup does); here an AbortSignal is cooperative, checked by the queue's get.",
  ],
  examples: [
    'async-demos producer-consumer --concurrent',
    'async-demos producer-consumer --consumers 1 --scale 0.2  # producers wait',
    'async-demos producer-consumer --concurrent --timeout-stop --scale 0.2',
  ],
  options: {
    capacity: count('capacity', 3, 1000, 'how many items the queue holds at most'),
    producers: count('producers', 2, 20, 'how many producers'),
    items: count('items', 5, 1000, 'how many items each producer makes'),
    consumers: count('consumers', 3, 50, 'how many consumers'),
  },
  asyncioTwin: { variants: ['concurrent', 'sequential', 'timeout-stop'] },
  taskNames: ({ producers, consumers }) => [
    `producer ${producers - 1}`,
    `consumer ${consumers - 1}`,
  ],
  prepare: (options, { seed }) => ({ state: { items: plan(createRandom(seed), options) } }),
  variants: {
    concurrent: {
      summary: ({ capacity }) =>
        `producers and consumers run at once, through a queue of ${capacity} (--capacity)`,
      // The exact finish of the same pipeline with no overhead, replayed from the same durations.
      ideal: (o, { items }) => pipelineTime(items, o.capacity, o.consumers),
      run: runPipeline,
    },
    sequential: {
      summary: 'make every item, then process every item, one at a time',
      ideal: (_o, { items }) =>
        items.flat().reduce((sum, item) => sum + item.makeMs + item.processMs, 0),
      run: runSequential,
    },
    'timeout-stop': {
      summary: 'no join: each consumer stops once a get has waited 3 s for an item',
      // The same replay, with consumers that give up: the last one stops 3 s after its last item.
      ideal: (o, { items }) => pipelineTime(items, o.capacity, o.consumers, GIVE_UP_MS),
      run: runTimeoutStop,
    },
  },
  // Sequential has no queue, so its peak depth shows as —.
  columns: [
    { header: 'Peak depth', stat: 'peakQueueDepth', format: 'count' },
    { header: 'Producers held', stat: 'producerBlockedMs', format: 'duration' },
  ],
});

/** What the producers and consumers of the concurrent pipeline share. */
interface Pipeline {
  ctx: Context;
  queue: BoundedQueue<PlannedItem>;
  depth: Gauge;
  figures: Tally;
}

async function runPipeline(ctx: Context): Promise<void> {
  const pipeline = openPipeline(ctx);
  const { queue } = pipeline;
  const stopConsumers = new AbortController();
  const consumerSignal = AbortSignal.any([ctx.signal, stopConsumers.signal]);

  const producing = startProducers(pipeline);
  const consuming = startConsumers(pipeline, consumerSignal, () => queue.get(consumerSignal));

  // Settled from the start, so that consumers rejected by a Ctrl-C are never left unhandled.
  const consumersEnded = Promise.allSettled(consuming);
  await Promise.all(producing);
  ctx.log('every producer is done; waiting until every item is processed (join)');
  await queue.join(ctx.signal);
  ctx.log('every item is processed; cancelling the consumers');
  stopConsumers.abort();
  await consumersEnded;
  pipeline.figures.report();
}

/**
 * The pipeline without join: each consumer stops by itself once a get has waited GIVE_UP_MS for an
 * item. Nothing is lost, but nobody knows the work is over until the last wait has run out.
 */
async function runTimeoutStop(ctx: Context): Promise<void> {
  const pipeline = openPipeline(ctx);
  const producing = startProducers(pipeline);
  const { queue } = pipeline;
  const consuming = startConsumers(pipeline, ctx.signal, () => getWithin(ctx, queue, GIVE_UP_MS));
  const consumersEnded = Promise.allSettled(consuming);
  await Promise.all(producing);
  ctx.log(`every producer is done; each consumer stops once a get waits ${giveUp(ctx)}`);
  await consumersEnded;
  ctx.log('every consumer has stopped');
  pipeline.figures.report();
}

function openPipeline(ctx: Context): Pipeline {
  const queue = new BoundedQueue<PlannedItem>(ctx.options.capacity);
  const depth = new Gauge(ctx, { counter: 'queueDepth', peakStat: 'peakQueueDepth' });
  return { ctx, queue, depth, figures: tally(ctx) };
}

function startProducers(pipeline: Pipeline): Promise<void>[] {
  return pipeline.ctx.state.items.map((row, p) =>
    pipeline.ctx.task(`producer ${p}`, (task) => produce(pipeline, task, row)),
  );
}

/** Consumers taking items with `next` until it gives none (or rejects, when cancelled). */
function startConsumers(
  pipeline: Pipeline,
  signal: AbortSignal,
  next: () => Promise<PlannedItem | undefined>,
): Promise<void>[] {
  return Array.from({ length: pipeline.ctx.options.consumers }, (_, c) =>
    pipeline.ctx.task(`consumer ${c}`, (task) => consume(pipeline, task, signal, next), {
      phase: 'waiting',
    }),
  );
}

/** `3 s → 0.3 s`. */
const giveUp = (ctx: Context) => formatScaled(GIVE_UP_MS, ctx.scale);

/** Makes each item of `row` and puts it in the queue, waiting while the queue is full. */
async function produce(
  { ctx, queue, depth, figures }: Pipeline,
  task: TaskHandle,
  row: PlannedItem[],
): Promise<void> {
  for (const item of row) {
    await make(ctx, task, item);
    const start = ctx.now();
    const full = queue.size >= queue.capacity;
    if (full) enter(task, 'waiting');
    await queue.put(item, ctx.signal);
    if (full) figures.blocked(ctx.now() - start);
    figures.produced();
    depth.set(queue.size);
    enter(task, 'running');
  }
}

/** Takes items with `next` and processes them, until `signal` stops it or `next` gives none. */
async function consume(
  { ctx, queue, depth, figures }: Pipeline,
  task: TaskHandle,
  signal: AbortSignal,
  next: () => Promise<PlannedItem | undefined>,
): Promise<void> {
  for (;;) {
    if (queue.size === 0) enter(task, 'waiting');
    const item = await next();
    if (!item) {
      task.log(`no item for ${giveUp(ctx)}: stopping`);
      return;
    }
    depth.set(queue.size);
    await processItem(ctx, task, item, signal);
    figures.consumed();
    queue.taskDone();
  }
}

/** No queue here: everything is made first, then processed, one item at a time. */
async function runSequential(ctx: Context): Promise<void> {
  const figures = tally(ctx);
  const made: PlannedItem[] = [];
  for (const [p, row] of ctx.state.items.entries()) {
    await ctx.task(`producer ${p}`, async (task) => {
      for (const item of row) {
        await make(ctx, task, item);
        made.push(item);
        figures.produced();
      }
    });
  }
  await ctx.task('consumer 0', async (task) => {
    for (const item of made) {
      await processItem(ctx, task, item, ctx.signal);
      figures.consumed();
    }
  });
  figures.report();
}

async function make(ctx: Context, task: TaskHandle, item: PlannedItem): Promise<void> {
  await task.sleep(item.makeMs);
  task.log(`made ${item.name} (${formatScaled(item.makeMs, ctx.scale)})`);
}

async function processItem(
  ctx: Context,
  task: TaskHandle,
  item: PlannedItem,
  signal: AbortSignal,
): Promise<void> {
  enter(task, 'running');
  task.log(`processing ${item.name} (${formatScaled(item.processMs, ctx.scale)})`);
  await task.sleep(item.processMs, signal);
}

type Tally = ReturnType<typeof tally>;

/** The run's figures: items in and out, and the time producers were held by a full queue. */
function tally(ctx: Context) {
  let produced = 0;
  let consumed = 0;
  let blockedMs = 0;
  return {
    produced: () => produced++,
    consumed: () => consumed++,
    blocked: (ms: number) => (blockedMs += ms),
    report: () => {
      ctx.stat('produced', produced);
      ctx.stat('consumed', consumed);
      ctx.stat('producerBlockedMs', blockedMs);
    },
  };
}

/** Moves the task into `phase` unless it is there already. */
function enter(task: TaskHandle, phase: PhaseName): void {
  if (task.span.phases.at(-1)?.name !== phase) task.phase(phase);
}
