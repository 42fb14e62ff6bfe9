import {
  defineDemo,
  defineOption,
  InvalidValueError,
  type DemoContext,
} from '../src/engine/demo.js';
import { parseName, parseSeconds } from '../src/engine/options.js';
import { formatScaled } from '../src/engine/format.js';
import { watchForStopRequests } from '../src/engine/stop-watcher.js';

interface Dish {
  name: string;
  ms: number;
  result: string;
}

const DEFAULT_DISHES: readonly Dish[] = [
  { name: 'coffee', ms: 3000, result: 'Hot coffee' },
  { name: 'toast', ms: 2000, result: 'Crispy toast' },
];
const MAX_DISHES = 12;
const MAX_DISH_SECONDS = 3600;

const dishes = defineOption<readonly Dish[]>({
  flags: '--dish <name=seconds>',
  description: 'change a dish or add one, repeatable (e.g. --dish toast=1 --dish eggs=4)',
  default: DEFAULT_DISHES,
  defaultLabel: 'coffee=3 toast=2',
  parse: (raw, previous) => withDish(previous, parseDish(raw)),
});

interface Options {
  dishes: readonly Dish[];
}

export default defineDemo({
  name: 'breakfast',
  summary: 'coffee and toast: blocking, one after the other, or both at once',
  lesson: 'Start both dishes, then await both: the waits overlap; blocking never.',
  hint:
    'In concurrent, both dishes start at 0 and toast is ready first. Blocking takes as long as\n' +
    'sequential, but nothing else on the event loop could run while it waited.',
  inAsyncio: [
    "A JavaScript async function starts running when it is called; a Python coroutine does nothing until it is awaited or wrapped in a task (create_task), so asyncio logs 'tasks created' before any dish starts.",
    'Promise.all corresponds to asyncio.gather; time.sleep blocks the loop as the blocking variant does.',
  ],
  examples: [
    'async-demos breakfast --concurrent',
    'async-demos breakfast --scale 0.1',
    'async-demos breakfast --dish eggs=4 --dish toast=1',
  ],
  options: { dishes },
  asyncioTwin: { variants: ['blocking', 'sequential', 'concurrent'] },
  taskNames: ({ dishes }) => dishes.map((dish) => dish.name),
  async prepare(_options, { variants }) {
    if (!variants.includes('blocking')) return { state: undefined };
    // A blocking dish holds the thread: a thread of its own hears Ctrl-C meanwhile.
    return { state: undefined, dispose: await watchForStopRequests() };
  },
  variants: {
    blocking: {
      summary: 'each dish blocks the thread with a synchronous sleep',
      ideal: totalTime,
      // The heartbeat lane shows the freeze: no tick while a dish blocks the thread.
      heartbeat: true,
      async run(ctx) {
        for (const dish of ctx.options.dishes) await makeDish(ctx, dish, 'block');
      },
    },
    sequential: {
      summary: 'await each dish before starting the next',
      ideal: totalTime,
      async run(ctx) {
        const results: string[] = [];
        for (const dish of ctx.options.dishes) results.push(await makeDish(ctx, dish, 'await'));
        ctx.log(`breakfast is ready: ${results.join(', ')}`);
      },
    },
    concurrent: {
      summary: 'start every dish first, then await them all',
      ideal: ({ dishes }) => Math.max(0, ...dishes.map((dish) => dish.ms)),
      async run(ctx) {
        const started = ctx.options.dishes.map((dish) => makeDish(ctx, dish, 'await'));
        const results = await Promise.all(started);
        ctx.log(`breakfast is ready: ${results.join(', ')}`);
      },
    },
  },
});

function makeDish(ctx: DemoContext<Options>, dish: Dish, how: 'await' | 'block'): Promise<string> {
  return ctx.task(
    dish.name,
    async (task) => {
      task.log(`start ${dish.name} (${formatScaled(dish.ms, ctx.scale)})`);
      if (how === 'block') ctx.block(dish.ms);
      else await task.sleep(dish.ms);
      task.log(`${dish.name} ready: ${dish.result}`);
      return dish.result;
    },
    { phase: how === 'block' ? 'blocked' : 'running' },
  );
}

function totalTime({ dishes }: Options): number {
  return dishes.reduce((sum, dish) => sum + dish.ms, 0);
}

/** `eggs=4` → a dish of 4 s; a known name changes that dish. */
export function parseDish(raw: string): Dish {
  const match = /^([^=]+)=(.*)$/.exec(raw);
  const name = match?.[1]?.trim() ?? '';
  if (!match || name === '') {
    throw new InvalidValueError('a dish is name=seconds, such as eggs=4');
  }
  parseName(name, 'a dish name', 24);
  const ms = parseSeconds(match[2] ?? '', MAX_DISH_SECONDS, `the time of ${name}`);
  const known = DEFAULT_DISHES.find((dish) => dish.name === name);
  return { name, ms, result: known?.result ?? `Fresh ${name}` };
}

function withDish(dishes: readonly Dish[], dish: Dish): readonly Dish[] {
  const index = dishes.findIndex((existing) => existing.name === dish.name);
  if (index >= 0) return dishes.with(index, dish);
  if (dishes.length >= MAX_DISHES) {
    throw new InvalidValueError(`a breakfast has at most ${MAX_DISHES} dishes`);
  }
  return [...dishes, dish];
}
