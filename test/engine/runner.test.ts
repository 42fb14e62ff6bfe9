import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineDemo, type AnyDemo, type DemoContext, type Variant } from '../../src/engine/demo.js';
import { createRandom } from '../../src/engine/random.js';
import type { RecorderEvent } from '../../src/engine/recorder.js';
import { asJson, runVariant } from '../../src/engine/runner.js';
import { fakeClock, runFake } from '../support.js';

type Context = DemoContext<{ ms: number }>;

/** A demo with one variant that does what the test asks. */
function demoOf(run: (ctx: Context) => Promise<void>, ideal: number | null = 1000) {
  const variant: Variant<{ ms: number }> = { summary: 'test', ideal: () => ideal, run };
  return defineDemo({
    name: 'test',
    summary: 'a demo made for a test',
    options: {},
    variants: { only: variant },
  }) as unknown as AnyDemo;
}

const never = () => new Promise<never>(() => {});

describe('runVariant', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('measures the elapsed time and scales the ideal', async () => {
    const demo = demoOf(async (ctx) => {
      await ctx.sleep(1000);
      ctx.block(500);
    }, 1500);
    const run = await runFake(demo, 'only', {}, { scale: 0.5 });
    expect(run.variant).toBe('only');
    expect(run.elapsedMs).toBe(750);
    expect(run.idealMs).toBe(750);
    expect(run.interrupted).toBe(false);
  });

  it('gives a null ideal where the variant has none', async () => {
    const run = await runFake(
      demoOf(() => Promise.resolve(), null),
      'only',
    );
    expect(run.idealMs).toBeNull();
    expect(run.elapsedMs).toBe(0);
  });

  it('rejects a variant the demo does not have', async () => {
    await expect(
      runVariant(
        demoOf(() => Promise.resolve()),
        'missing',
        { options: { ms: 0 }, scale: 1, seed: 1 },
      ),
    ).rejects.toThrow("test has no variant 'missing'");
  });

  it('records each task as ok, error or cancelled, with its times', async () => {
    const demo = demoOf(async (ctx) => {
      const ok = ctx.task('ok', async () => {
        await ctx.sleep(1000);
        return 'done';
      });
      const failed = ctx.task('failed', async () => {
        await ctx.sleep(500);
        throw new Error('it broke');
      });
      const stop = new AbortController();
      const cancelled = ctx.task(
        'cancelled',
        async () => {
          await ctx.sleep(5000, stop.signal);
        },
        { phase: 'waiting' },
      );
      await ctx.sleep(200);
      stop.abort();
      await Promise.allSettled([ok, failed, cancelled]);
    });
    const run = await runFake(demo, 'only');
    expect(run.elapsedMs).toBe(1000);
    expect(run.tasks).toEqual([
      {
        name: 'ok',
        startMs: 0,
        endMs: 1000,
        status: 'ok',
        result: 'done',
        error: null,
        phases: [{ name: 'running', startMs: 0, endMs: 1000 }],
      },
      {
        name: 'failed',
        startMs: 0,
        endMs: 500,
        status: 'error',
        result: null,
        error: 'it broke',
        phases: [{ name: 'running', startMs: 0, endMs: 500 }],
      },
      {
        name: 'cancelled',
        startMs: 0,
        endMs: 200,
        status: 'cancelled',
        result: null,
        error: 'cancelled',
        phases: [{ name: 'waiting', startMs: 0, endMs: 200 }],
      },
    ]);
  });

  it('returns what the task returns, and rethrows what it throws', async () => {
    const seen: unknown[] = [];
    const demo = demoOf(async (ctx) => {
      seen.push(await ctx.task('value', () => Promise.resolve(42)));
      await ctx
        .task('thrower', () => Promise.reject(new Error('no')))
        .catch((e: unknown) => {
          seen.push(e);
        });
    });
    await runFake(demo, 'only');
    expect(seen).toEqual([42, new Error('no')]);
  });

  it('records results as JSON: by the task option, plain values as they are, others inspected', async () => {
    class Toast {
      constructor(readonly crisp: boolean) {}
    }
    const demo = demoOf(async (ctx) => {
      await ctx.task('custom', () => Promise.resolve({ secret: 1 }), {
        result: (value) => `secret ${value.secret}`,
      });
      await ctx.task('plain', () => Promise.resolve({ a: [1, 'two', null, true] }));
      await ctx.task('nothing', () => Promise.resolve(undefined));
      await ctx.task('map', () => Promise.resolve(new Map([['k', 1]])));
      await ctx.task('instance', () => Promise.resolve(new Toast(true)));
      await ctx.task('nan', () => Promise.resolve(Number.NaN));
    });
    const run = await runFake(demo, 'only');
    expect(Object.fromEntries(run.tasks.map((t) => [t.name, t.result]))).toEqual({
      custom: 'secret 1',
      plain: { a: [1, 'two', null, true] },
      nothing: null,
      map: "Map(1) { 'k' => 1 }",
      instance: 'Toast { crisp: true }',
      nan: 'NaN',
    });
  });

  it('waits for work the variant started but did not await, without counting it as elapsed', async () => {
    const demo = demoOf(async (ctx) => {
      void ctx.task('detached', async () => {
        await ctx.sleep(2000);
        // A task started by a detached task is waited for too.
        void ctx.task('grandchild', () => ctx.sleep(1000));
      });
      await ctx.sleep(100);
    });
    const run = await runFake(demo, 'only');
    expect(run.elapsedMs).toBe(100);
    expect(run.interrupted).toBe(false);
    expect(run.tasks.map((t) => [t.name, t.status, t.startMs, t.endMs])).toEqual([
      ['detached', 'ok', 0, 2000],
      ['grandchild', 'ok', 2000, 3000],
    ]);
  });

  it('stops on the settings signal: interrupted, measured so far, open tasks cancelled', async () => {
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 1500);
    let ownSignal: AbortSignal | undefined;
    const demo = demoOf(async (ctx) => {
      ownSignal = ctx.signal;
      const first = ctx.task('sleeper', () => ctx.sleep(3000));
      const second = ctx.task('deaf', never);
      await Promise.all([first, second]);
    });
    const run = await runFake(demo, 'only', {}, { signal: interrupt.signal });
    expect(run.interrupted).toBe(true);
    expect(run.elapsedMs).toBe(1500);
    expect(ownSignal?.aborted).toBe(true);
    expect(run.tasks.map((t) => [t.name, t.status, t.endMs])).toEqual([
      ['sleeper', 'cancelled', 1500],
      ['deaf', 'cancelled', 1500],
    ]);
    expect(run.tasks[1]?.error).toBe('interrupted');
  });

  it('stops while waiting for detached work too', async () => {
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 700);
    const demo = demoOf(async (ctx) => {
      void ctx.task('detached', never);
      await ctx.sleep(200);
    });
    const run = await runFake(demo, 'only', {}, { signal: interrupt.signal });
    expect(run.interrupted).toBe(true);
    expect(run.elapsedMs).toBe(200);
    expect(run.tasks[0]).toMatchObject({ status: 'cancelled', endMs: 700 });
  });

  it('reports an interruption when the signal was aborted before the run', async () => {
    const run = await runFake(
      demoOf((ctx) => ctx.sleep(1000)),
      'only',
      {},
      { signal: AbortSignal.abort() },
    );
    expect(run.interrupted).toBe(true);
    expect(run.elapsedMs).toBe(0);
  });

  it('lets an error other than the interruption propagate', async () => {
    const demo = demoOf(async (ctx) => {
      await ctx.sleep(100);
      throw new TypeError('a bug in the demo');
    });
    const run = runVariant(demo, 'only', {
      options: { ms: 0 },
      scale: 1,
      seed: 1,
      clock: fakeClock(),
    });
    const outcome = expect(run).rejects.toThrow(new TypeError('a bug in the demo'));
    await vi.runAllTimersAsync();
    await outcome;
  });

  it('aborts the context signal at the end, releasing work left behind', async () => {
    const outcomes: string[] = [];
    let signal: AbortSignal | undefined;
    const demo = demoOf((ctx) => {
      signal = ctx.signal;
      ctx.sleep(60_000).then(
        () => outcomes.push('slept'),
        (error: unknown) => outcomes.push((error as Error).name),
      );
      return Promise.resolve();
    });
    await runFake(demo, 'only');
    expect(signal?.aborted).toBe(true);
    expect(outcomes).toEqual(['AbortError']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hands the variant seeded randomness, its options and the scale', async () => {
    let seen: { value: number; ms: number; scale: number } | undefined;
    const demo = demoOf((ctx) => {
      seen = { value: ctx.random.next(), ms: ctx.options.ms, scale: ctx.scale };
      return Promise.resolve();
    });
    await runFake(demo, 'only', { ms: 7 }, { seed: 99, scale: 0.25 });
    expect(seen).toEqual({ value: createRandom(99).next(), ms: 7, scale: 0.25 });
  });

  it('records logs, samples and stats, and streams events to onEvent only during the run', async () => {
    const events: RecorderEvent['type'][] = [];
    let context: Context | undefined;
    const demo = demoOf(async (ctx) => {
      context = ctx;
      ctx.log('hello');
      ctx.sample('depth', 1);
      await ctx.sleep(250);
      ctx.sample('depth', 0);
      ctx.stat('peak', 1);
      await ctx.task('t', (task) => {
        task.log('inside');
        return Promise.resolve();
      });
    });
    const run = await runFake(demo, 'only', {}, { onEvent: (event) => events.push(event.type) });
    context?.log('after the run');
    expect(events).toEqual(['log', 'sample', 'sample', 'task-start', 'log', 'task-end']);
    expect(run.logs.slice(0, 2)).toEqual([
      { atMs: 0, task: null, message: 'hello' },
      { atMs: 250, task: 't', message: 'inside' },
    ]);
    expect(run.counters).toEqual({
      depth: [
        { atMs: 0, value: 1 },
        { atMs: 250, value: 0 },
      ],
    });
    expect(run.stats).toEqual({ peak: 1 });
  });
});

describe('asJson', () => {
  it.each<[unknown, unknown]>([
    [null, null],
    [undefined, null],
    ['text', 'text'],
    [false, false],
    [1.5, 1.5],
    [Infinity, 'Infinity'],
    [
      [1, [2, [3]]],
      [1, [2, [3]]],
    ],
    [{ a: { b: undefined } }, { a: { b: null } }],
    [Object.assign(Object.create(null) as object, { x: 1 }), { x: 1 }],
    [new Error('boom'), expect.stringContaining('Error: boom') as unknown],
    [Promise.resolve(1), 'Promise { 1 }'],
    [Symbol('s'), 'Symbol(s)'],
  ])('records %o as %o', (value, expected) => {
    expect(asJson(value)).toEqual(expected);
  });

  it('stops descending after four levels', () => {
    expect(asJson([[[[[1]]]]])).toEqual([[[['[ 1 ]']]]]);
  });
});
