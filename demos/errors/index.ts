import { defineDemo, type DemoContext } from '../../src/engine/demo.js';
import { errorMessage, isAbortError } from '../../src/engine/errors.js';
import { formatScaled } from '../../src/engine/format.js';
import { TaskGroup } from '../../src/primitives/task-group.js';
import {
  durations,
  fail,
  failureRate,
  prepareFailures,
  taskName,
  type Failures,
  type Options,
} from './options.js';

type Context = DemoContext<Options, Failures>;

interface Operation {
  name: string;
  ms: number;
  fails: boolean;
}

export default defineDemo({
  name: 'errors',
  summary: 'failures among concurrent tasks: fail fast, gather every outcome, or cancel the rest',
  lesson: 'Promise.all fails fast, allSettled keeps every outcome, a group cancels.',
  hint:
    'The same seed makes the same tasks fail in every variant. With equal durations every task\n' +
    'ends at once, so the variants differ only in what the caller gets (the last column): in\n' +
    'cancel, tasks whose timer fired with the failing one have already finished, and the abort\n' +
    'only reaches work still waiting. With --durations 1,2,3 the chart shows fail-fast leaving\n' +
    'orphans running to their end, and cancel stopping them early.',
  inAsyncio: [
    "asyncio.gather is fail-fast too, and asyncio.run cancels the tasks left over when main returns; Node keeps running until their timers are done, so fail-fast's orphans run on.",
    'gather(return_exceptions=True) corresponds to Promise.allSettled.',
    "asyncio.TaskGroup corresponds to our task group: asyncio injects CancelledError at the sibling's await; in JavaScript an AbortSignal is cooperative and Promise.all cannot be cancelled.",
    "A rejection reaches Promise.all's caller in a microtask, before timers due at the same moment.",
  ],
  examples: [
    'async-demos errors --durations 1,2,3 --fail-fast --cancel --scale 0.5',
    'async-demos errors --scale 0.1',
    'async-demos errors --fail Task2 --settled',
  ],
  options: { failureRate, durations, fail },
  // The twin draws the same failures from the seed, or takes --fail's.
  asyncioTwin: { variants: ['sequential', 'fail-fast', 'settled', 'cancel'] },
  taskNames: ({ durations }) => durations.map((_, i) => taskName(i)),
  columns: [{ header: 'Caller got', stat: 'callerGot' }],
  /** Decides the failures once, so that the header can name them and the ideals can use them. */
  prepare: (options, { seed }) => prepareFailures(options, seed),
  variants: {
    sequential: {
      summary: 'one at a time, each in its own try/catch',
      ideal: ({ durations }) => durations.reduce((sum, ms) => sum + ms, 0),
      async run(ctx) {
        let ok = 0;
        let caught = 0;
        for (const operation of plan(ctx.options, ctx.state)) {
          try {
            await operate(ctx, operation);
            ok++;
          } catch (error) {
            if (isAbortError(error)) throw error;
            caught++;
            ctx.log(`caught "${errorMessage(error)}", carrying on`);
          }
        }
        ctx.stat('callerGot', `${ok} ok, ${caught} caught`);
      },
    },
    'fail-fast': {
      summary: 'Promise.all: the first failure rejects, the others run on unobserved',
      ideal: untilFirstFailure,
      async run(ctx) {
        const operations = plan(ctx.options, ctx.state);
        let pending = operations.length;
        const started = operations.map((operation) =>
          operate(ctx, operation).finally(() => pending--),
        );
        try {
          const values = await Promise.all(started);
          ctx.log(`Promise.all resolved: ${values.join(', ')}`);
          ctx.stat('callerGot', `value: [${values.length} results]`);
        } catch (error) {
          if (isAbortError(error)) throw error;
          // Promise.all settles a microtask after the failure: the tasks whose timers fired with
          // it have ended by then, and only the others are left running, unobserved.
          const left = pending === 0 ? 'every other task had ended' : `${pending} still run`;
          ctx.log(`Promise.all rejected: ${errorMessage(error)}; ${left}`);
          ctx.stat('callerGot', `first error: ${errorMessage(error)}`);
        }
      },
    },
    settled: {
      summary: 'Promise.allSettled: every outcome, successes and failures side by side',
      ideal: longest,
      async run(ctx) {
        const operations = plan(ctx.options, ctx.state);
        const outcomes = await Promise.allSettled(operations.map((op) => operate(ctx, op)));
        let ok = 0;
        outcomes.forEach((outcome, i) => {
          const name = operations[i]?.name ?? '';
          if (outcome.status === 'fulfilled') ok++;
          ctx.log(
            outcome.status === 'fulfilled'
              ? `${name}: fulfilled with "${outcome.value}"`
              : `${name}: rejected with "${errorMessage(outcome.reason)}"`,
          );
        });
        const errors = outcomes.length - ok;
        ctx.stat('callerGot', `${outcomes.length} outcomes: ${ok} ok, ${plural(errors, 'error')}`);
      },
    },
    cancel: {
      summary: 'a task group: the first failure aborts the siblings through their AbortSignal',
      ideal: untilFirstFailure,
      run: runGroup,
    },
  },
});

async function runGroup(ctx: Context): Promise<void> {
  const group = new TaskGroup(ctx.signal);
  const operations = plan(ctx.options, ctx.state);
  // Tasks of the same duration share one timer, so they finish together, in creation order,
  // before a failure among them can abort the others: the abort reaches only work still waiting.
  const timers = new Map<number, Promise<void>>();
  const sleep = (ms: number) => {
    const shared = timers.get(ms) ?? ctx.sleep(ms, group.signal);
    timers.set(ms, shared);
    return shared;
  };
  const results = operations.map((op) => group.spawn(() => operate(ctx, op, sleep)));
  try {
    await group.wait();
    const values = await Promise.all(results);
    ctx.log(`the group ended: ${values.join(', ')}`);
    ctx.stat('callerGot', `value: [${values.length} results]`);
  } catch (error) {
    if (!(error instanceof AggregateError)) throw error;
    const outcomes = await Promise.allSettled(results);
    const reasons = outcomes.map((outcome) =>
      outcome.status === 'rejected' ? (outcome.reason as unknown) : null,
    );
    const cancelled = reasons.filter(isAbortError).length;
    // The first in creation order: tasks that fail in the same millisecond may throw in any order.
    const first = errorMessage(reasons.find((reason) => reason !== null && !isAbortError(reason)));
    ctx.log(`the group failed: ${first}; ${plural(cancelled, 'sibling')} cancelled`);
    ctx.stat('callerGot', `error: ${first}, ${cancelled} cancelled`);
  }
}

/** One task: works its time, then fails or succeeds as planned; an abort ends it early. */
function operate(
  ctx: Context,
  op: Operation,
  sharedSleep?: (ms: number) => Promise<void>,
): Promise<string> {
  const { name, ms, fails } = op;
  return ctx.task(name, async (task) => {
    task.log(`working for ${formatScaled(ms, ctx.scale)}`);
    try {
      await (sharedSleep ? task.during('awaiting', sharedSleep(ms)) : task.sleep(ms));
    } catch (error) {
      // Aborted by the group when a sibling failed, unless the whole run was stopped.
      if (isAbortError(error) && !ctx.signal.aborted) task.log('cancelled: a sibling failed');
      throw error;
    }
    if (fails) {
      task.log('✗ failed');
      throw new Error(`${name} failed`);
    }
    task.log('✓ Success!');
    return `${name}: Success!`;
  });
}

/** The tasks and their fate, decided by `prepare` so that every variant meets the same failures. */
function plan(options: Options, { failing }: Failures): Operation[] {
  return options.durations.map((ms, i) => {
    const name = taskName(i);
    return { name, ms, fails: failing.includes(name) };
  });
}

function longest({ durations }: Options): number {
  return Math.max(0, ...durations);
}

/** The caller hears back at the first failure, or when the last task succeeds. */
function untilFirstFailure(options: Options, failures: Failures): number {
  const failed = plan(options, failures).filter((op) => op.fails);
  return failed.length > 0 ? Math.min(...failed.map((op) => op.ms)) : longest(options);
}

/** `1 error`, `2 errors`. */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
