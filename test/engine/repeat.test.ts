import { setTimeout as realDelay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import breakfast from '../../demos/breakfast.js';
import { defaultOptions } from '../../src/engine/demo.js';
import { renderComparison } from '../../src/render/table.js';
import { plain } from '../render/fixtures.js';
import { defineDemo, type AnyDemo } from '../../src/engine/demo.js';
import { runDemo } from '../../src/engine/lifecycle.js';
import type { RecorderEvent } from '../../src/engine/recorder.js';
import type { RepeatStart } from '../../src/engine/repeat.js';
import type { RunResult } from '../../src/engine/run-result.js';
import { fakeClock } from '../support.js';

/** A demo whose one variant waits, run after run, the next of `durations` (ms). */
function demoWaiting(durations: readonly number[]) {
  let call = 0;
  const prepared = { count: 0, disposed: 0 };
  const demo = defineDemo({
    name: 'waits',
    summary: 'waits a different time on every run',
    options: {},
    variants: {
      only: {
        summary: 'waits',
        ideal: () => 100,
        run: async (ctx) => {
          const ms = durations[call++] ?? 0;
          await ctx.task('wait', async () => {
            ctx.log(`waiting ${ms} ms`);
            await ctx.sleep(ms);
          });
        },
      },
    },
    prepare: () => {
      prepared.count += 1;
      const dispose = () => {
        prepared.disposed += 1;
        return Promise.resolve();
      };
      return { state: undefined, dispose };
    },
  }) as unknown as AnyDemo;
  return { demo, prepared };
}

interface Watched {
  starts: RepeatStart[];
  events: RecorderEvent[];
  ended: RunResult[];
}

function runWatched(demo: AnyDemo, runs: number, warmup: number, signal?: AbortSignal) {
  const watched: Watched = { starts: [], events: [], ended: [] };
  const running = runDemo({
    demo,
    options: {},
    variants: ['only'],
    scale: 1,
    seed: 1,
    clock: fakeClock(),
    runs,
    warmup,
    ...(signal ? { signal } : {}),
    reporters: [
      {
        onRepeatStart: (start) => void watched.starts.push(start),
        onEvent: (event) => void watched.events.push(event),
        onRunEnd: (run) => void watched.ended.push(run),
      },
    ],
  });
  return { running, watched };
}

async function runAll(demo: AnyDemo, runs: number, warmup: number) {
  const { running, watched } = runWatched(demo, runs, warmup);
  await vi.runAllTimersAsync();
  const [run] = await running;
  if (!run) throw new Error('no run');
  return { run, ...watched };
}

const logsOf = (events: readonly RecorderEvent[]) =>
  events.flatMap((event) => (event.type === 'log' ? [event.line.message] : []));

describe('runDemo with --runs and --warmup', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the warm-ups uncounted, then n runs, and gives the median run with every figure', async () => {
    const { demo, prepared } = demoWaiting([500, 300, 100, 200]);
    const { run, starts, ended } = await runAll(demo, 3, 1);
    expect(run.elapsedMs).toBe(200);
    expect(run.tasks[0]?.endMs).toBe(200);
    expect(run.interrupted).toBe(false);
    expect(run.repeats).toEqual({
      elapsedMs: [300, 100, 200],
      warmupMs: [500],
      meanMs: 200,
      sdMs: 100,
      minMs: 100,
      maxMs: 300,
      medianIndex: 2,
    });
    expect(starts).toEqual([
      { variant: 'only', warmup: true, run: 1, of: 1 },
      { variant: 'only', warmup: false, run: 1, of: 3 },
      { variant: 'only', warmup: false, run: 2, of: 3 },
      { variant: 'only', warmup: false, run: 3, of: 3 },
    ]);
    // The reporters hear of the variant's end once, with the median run.
    expect(ended).toEqual([run]);
    expect(prepared).toEqual({ count: 1, disposed: 1 });
  });

  it("shows the live log of the first counted run only: no warm-up's, no later run's", async () => {
    const { demo } = demoWaiting([500, 300, 100, 200]);
    const { events } = await runAll(demo, 3, 1);
    expect(logsOf(events)).toEqual(['waiting 300 ms']);
  });

  it('keeps one run as it was when --runs is 1: no repeats, no progress', async () => {
    const { demo } = demoWaiting([250]);
    const { run, starts, events } = await runAll(demo, 1, 0);
    expect(run.elapsedMs).toBe(250);
    expect(run.repeats).toBeUndefined();
    expect(starts).toEqual([]);
    expect(logsOf(events)).toEqual(['waiting 250 ms']);
  });

  it('gives the one counted run after warm-ups, without repeats, when --runs is 1', async () => {
    const { demo } = demoWaiting([400, 150]);
    const { run, starts } = await runAll(demo, 1, 1);
    expect(run.elapsedMs).toBe(150);
    expect(run.repeats).toBeUndefined();
    expect(starts.map((start) => start.warmup)).toEqual([true, false]);
  });

  it('stops at once on Ctrl-C and gives the runs that ended, marked interrupted', async () => {
    const { demo } = demoWaiting([100, 300, 1000, 100]);
    const stop = new AbortController();
    const { running, watched } = runWatched(demo, 4, 0, stop.signal);
    await vi.advanceTimersByTimeAsync(450);
    stop.abort();
    await vi.advanceTimersByTimeAsync(0);
    const [run] = await running;
    expect(run?.interrupted).toBe(true);
    expect(run?.repeats?.elapsedMs).toEqual([100, 300]);
    expect(run?.elapsedMs).toBe(100);
    // Run 3 was under way and the fourth never started.
    expect(watched.starts.map((start) => start.run)).toEqual([1, 2, 3]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives the stopped run itself when Ctrl-C comes during a warm-up', async () => {
    const { demo } = demoWaiting([1000, 100]);
    const stop = new AbortController();
    const { running } = runWatched(demo, 3, 1, stop.signal);
    await vi.advanceTimersByTimeAsync(400);
    stop.abort();
    await vi.advanceTimersByTimeAsync(0);
    const [run] = await running;
    expect(run?.interrupted).toBe(true);
    expect(run?.elapsedMs).toBe(400);
    expect(run?.repeats).toBeUndefined();
  });
});

/**
 * Runs fake timers until `work` settles. A heartbeat's stop waits one real millisecond (see
 * src/engine/heartbeat.ts), during which no fake timer is pending: one runAllTimersAsync would
 * return before the next run had started.
 */
async function untilSettled<T>(work: Promise<T>): Promise<T> {
  const state = { settled: false };
  const done = work.finally(() => (state.settled = true));
  while (!state.settled) {
    await vi.runAllTimersAsync();
    await realDelay(2);
  }
  return done;
}

describe('breakfast with --runs 3 --warmup 1, on fake timers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('measures every run exactly, and its table stars concurrent with no spread at all', async () => {
    const demo = breakfast as unknown as AnyDemo;
    const running = runDemo({
      demo,
      options: defaultOptions(breakfast.options),
      variants: ['blocking', 'sequential', 'concurrent'],
      scale: 0.1,
      seed: 42,
      clock: fakeClock(),
      runs: 3,
      warmup: 1,
    });
    const runs = await untilSettled(running);
    expect(runs.map((run) => [run.variant, run.elapsedMs, run.repeats?.elapsedMs])).toEqual([
      ['blocking', 500, [500, 500, 500]],
      ['sequential', 500, [500, 500, 500]],
      ['concurrent', 300, [300, 300, 300]],
    ]);
    expect(runs.map((run) => run.repeats?.warmupMs)).toEqual([[500], [500], [300]]);
    // Equal times keep their run order: the middle of three is the second.
    expect(runs[2]?.repeats).toMatchObject({ meanMs: 300, sdMs: 0, medianIndex: 1 });
    expect(renderComparison(runs, { theme: plain() }).split('\n').slice(0, 8)).toEqual([
      '┌──────────────┬──────────────┬──────────────┬────────┬─────────┬──────────────┐',
      '│ Variant      │     Mean ± σ │    Min … max │  Ideal │      vs │      Speedup │',
      '│              │              │              │        │   ideal │              │',
      '├──────────────┼──────────────┼──────────────┼────────┼─────────┼──────────────┤',
      '│ blocking     │ 500 ± 0.0 ms │ 500 … 500 ms │ 500 ms │ +0.0 ms │        1.00× │',
      '│ sequential   │ 500 ± 0.0 ms │ 500 … 500 ms │ 500 ms │ +0.0 ms │ 1.00 ± 0.00× │',
      '│ concurrent ★ │ 300 ± 0.0 ms │ 300 … 300 ms │ 300 ms │ +0.0 ms │ 1.67 ± 0.00× │',
      '└──────────────┴──────────────┴──────────────┴────────┴─────────┴──────────────┘',
    ]);
  });
});
