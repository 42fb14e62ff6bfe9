import { inspect } from 'node:util';
import { defineDemo, type DemoContext } from '../src/engine/demo.js';

const PAUSE_MS = 2000;
const STEP_MS = 1000;
const STEPS = 3;

export default defineDemo({
  name: 'await',
  summary: 'where an async function pauses, and how two of them take turns',
  lesson: 'An async function runs until its first await; others run while it waits.',
  hint:
    'An await on a timer suspends the task until the timer fires, and the event loop runs the\n' +
    'other task meanwhile: in concurrent, A and B take turns (A1, B1, A2, B2, A3, B3) and finish\n' +
    'together after 3 s; in sequential, B starts only when A has returned. (An await on a value\n' +
    'already settled lets only microtasks run: no timer, no I/O gets a turn there.)\n' +
    '--pause (not in the comparison: it is a different task) shows one await on its own: the\n' +
    'task stops there and resumes 2 s later with the timer’s value (undefined).',
  inAsyncio: [
    "A JavaScript async function starts running when it is called; a Python coroutine does nothing until it is awaited or wrapped in a task (create_task): asyncio logs 'tasks created' before A1.",
    'await asyncio.sleep(1) hands the loop to the other task as await on a timer does here.',
  ],
  examples: [
    'async-demos await --scale 0.1',
    'async-demos await --concurrent',
    'async-demos await --pause',
  ],
  options: {},
  asyncioTwin: { variants: ['pause', 'sequential', 'concurrent'] },
  taskNames: () => ['task', 'A', 'B'],
  variants: {
    pause: {
      summary: 'one task: step 1, await a 2 s timer, step 2 with the value it resumed with',
      ideal: () => PAUSE_MS,
      // Another workload than the two tasks: ranked beside them it would look fastest.
      optIn: true,
      async run(ctx) {
        await ctx.task('task', async (task) => {
          task.log('step 1, then await a 2 s timer');
          // The lesson: an awaited timer resumes the task with its value, here undefined.
          // eslint-disable-next-line @typescript-eslint/no-confusing-void-expression
          const value = await task.sleep(PAUSE_MS);
          task.log(`step 2, resumed with the value ${inspect(value)}`);
        });
      },
    },
    sequential: {
      summary: 'two three-step tasks (1 s per await), B started once A returns',
      ideal: () => 2 * STEPS * STEP_MS,
      async run(ctx) {
        await steps(ctx, 'A');
        await steps(ctx, 'B');
      },
    },
    concurrent: {
      summary: 'the same two tasks started together: they interleave at every await',
      ideal: () => STEPS * STEP_MS,
      async run(ctx) {
        await Promise.all([steps(ctx, 'A'), steps(ctx, 'B')]);
      },
    },
  },
});

/** A task with three await points: each logs its step, then pauses for a second. */
function steps<O>(ctx: DemoContext<O>, name: string): Promise<string> {
  return ctx.task(name, async (task) => {
    for (let step = 1; step <= STEPS; step++) {
      task.log(`${name}${step}: step ${step}, then await 1 s`);
      await task.sleep(STEP_MS);
    }
    task.log(`${name} returns`);
    return `${name} done`;
  });
}
