import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import timeouts from '../../../demos/timeouts/index.js';
import {
  deadline,
  durations,
  fail,
  type JobName,
  type Options,
} from '../../../demos/timeouts/options.js';
import type { RunResult } from '../../../src/engine/runner.js';
import { defaultOptions, runFake, runFakeStoppedAt, span } from '../../support.js';

/** Every job's span, in the order the jobs were started. */
function spans(run: RunResult) {
  return run.tasks.map((task) => {
    const { start, end, status } = span(run, task.name);
    return { name: task.name, start, end, status };
  });
}

/** The log as [time, task, message], in the order it was written. */
const logOf = (run: RunResult) => run.logs.map((line) => [line.atMs, line.task, line.message]);

/** The log lines of the caller (the run as a whole), as [time, message]. */
const callerLog = (run: RunResult) =>
  run.logs.filter((line) => line.task === null).map((line) => [line.atMs, line.message]);

const DEFAULT_SPANS = [
  { name: 'fast', start: 0, end: 1000, status: 'ok' },
  { name: 'medium', start: 0, end: 2000, status: 'error' },
  { name: 'slow', start: 0, end: 3000, status: 'ok' },
];
const ALL: JobName[] = ['fast', 'medium', 'slow'];

describe('timeouts demo', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('declares the defaults of SCENARIOS.md: 1, 2 and 3 s, medium fails, a 1.5 s deadline', () => {
    expect(defaultOptions(timeouts.options)).toEqual({
      durations: { fast: 1000, medium: 2000, slow: 3000 },
      fail: ['medium'],
      deadline: 1500,
    });
    expect(Object.keys(timeouts.variants)).toEqual(['race', 'any', 'as-completed', 'timeout']);
    expect(timeouts.taskNames?.(defaultOptions({ durations, fail, deadline }), undefined)).toEqual(
      ALL,
    );
  });

  it('race: the first job to settle wins at 1 s; the others run on to their end', async () => {
    const run = await runFake(timeouts, 'race');
    expect(run.elapsedMs).toBe(1000);
    expect(run.idealMs).toBe(1000);
    expect(spans(run)).toEqual(DEFAULT_SPANS);
    expect(logOf(run)).toEqual([
      [0, 'fast', 'working for 1 s'],
      [0, 'medium', 'working for 2 s'],
      [0, 'slow', 'working for 3 s'],
      [1000, 'fast', '✓ done'],
      [1000, null, 'Promise.race settled: fast won with "fast: done"; medium, slow run on'],
      [2000, 'medium', '✗ failed'],
      [3000, 'slow', '✓ done'],
    ]);
    expect(run.stats.callerGot).toBe('value "fast: done"');
  });

  it('race: a failure that settles first wins too, and the caller gets its error', async () => {
    const run = await runFake(timeouts, 'race', { fail: ['fast'] });
    expect(run.elapsedMs).toBe(1000);
    expect(span(run, 'fast')).toMatchObject({ end: 1000, status: 'error' });
    expect(callerLog(run)).toEqual([
      [1000, 'Promise.race settled: fast won with its error, "fast failed"; medium, slow run on'],
    ]);
    expect(run.stats.callerGot).toBe('error "fast failed"');
  });

  it('race: its ideal is the earliest settle, whichever job that is', async () => {
    const run = await runFake(timeouts, 'race', {
      durations: { fast: 2500, medium: 500, slow: 1200 },
    });
    expect(run.idealMs).toBe(500);
    expect(run.elapsedMs).toBe(500);
    expect(callerLog(run)).toEqual([
      [500, 'Promise.race settled: medium won with its error, "medium failed"; fast, slow run on'],
    ]);
  });

  it('any: the first success wins at 1 s', async () => {
    const run = await runFake(timeouts, 'any');
    expect(run.elapsedMs).toBe(1000);
    expect(run.idealMs).toBe(1000);
    expect(spans(run)).toEqual(DEFAULT_SPANS);
    expect(callerLog(run)).toEqual([
      [1000, 'Promise.any settled: fast won with "fast: done"; medium, slow run on'],
    ]);
    expect(run.stats.callerGot).toBe('value "fast: done"');
  });

  it('any: failures are passed over until a job succeeds', async () => {
    const run = await runFake(timeouts, 'any', { fail: ['fast', 'medium'] });
    expect(run.idealMs).toBe(3000);
    expect(run.elapsedMs).toBe(3000);
    expect(callerLog(run)).toEqual([
      [
        3000,
        `Promise.any settled: slow won with "slow: done", ignoring fast's failure and medium's failure; no job is left running`,
      ],
    ]);
  });

  it('any: when every job fails, an AggregateError at the last failure', async () => {
    const run = await runFake(timeouts, 'any', { fail: ALL });
    expect(run.idealMs).toBe(3000);
    expect(run.elapsedMs).toBe(3000);
    expect(run.tasks.map((t) => t.status)).toEqual(['error', 'error', 'error']);
    expect(logOf(run).slice(-2)).toEqual([
      [3000, 'slow', '✗ failed'],
      [
        3000,
        null,
        'Promise.any rejected: every job failed, an AggregateError of fast failed, medium failed, slow failed',
      ],
    ]);
    expect(run.stats.callerGot).toBe('AggregateError (3 errors)');
  });

  it('as-completed: each outcome handled the moment it arrives, in finishing order', async () => {
    const run = await runFake(timeouts, 'as-completed');
    expect(run.elapsedMs).toBe(3000);
    expect(run.idealMs).toBe(3000);
    expect(spans(run)).toEqual(DEFAULT_SPANS);
    expect(logOf(run).slice(3)).toEqual([
      [1000, 'fast', '✓ done'],
      [1000, null, '1st to complete: "fast: done"'],
      [2000, 'medium', '✗ failed'],
      [2000, null, '2nd to complete: failed with "medium failed"'],
      [3000, 'slow', '✓ done'],
      [3000, null, '3rd to complete: "slow: done"'],
    ]);
    expect(run.stats.callerGot).toBe('2 values, 1 error');
  });

  it('as-completed: the order is the finishing order, not the starting order', async () => {
    const run = await runFake(timeouts, 'as-completed', {
      durations: { fast: 3000, medium: 1000, slow: 2000 },
      fail: [],
    });
    expect(run.idealMs).toBe(3000);
    expect(callerLog(run)).toEqual([
      [1000, '1st to complete: "medium: done"'],
      [2000, '2nd to complete: "slow: done"'],
      [3000, '3rd to complete: "fast: done"'],
    ]);
    expect(run.stats.callerGot).toBe('3 values, 0 errors');
  });

  it('timeout: slow is cancelled at 1.5 s exactly, awaiting its timer until then', async () => {
    const run = await runFake(timeouts, 'timeout');
    expect(run.elapsedMs).toBe(1500);
    expect(run.idealMs).toBe(1500);
    expect(run.tasks).toHaveLength(1);
    expect(run.tasks[0]).toMatchObject({
      name: 'slow',
      startMs: 0,
      endMs: 1500,
      status: 'cancelled',
      phases: [{ name: 'awaiting', startMs: 0, endMs: 1500 }],
    });
    expect(logOf(run)).toEqual([
      [0, null, 'giving slow at most 1.5 s'],
      [0, 'slow', 'working for 3 s'],
      [1500, 'slow', '⊘ cancelled: its deadline passed'],
      [1500, null, 'timed out after 1.5 s; slow was cancelled'],
    ]);
    expect(run.stats.callerGot).toBe('TimeoutError');
  });

  it('timeout: says what the deadline lasts at the scale', async () => {
    const run = await runFake(timeouts, 'timeout', {}, { scale: 0.1 });
    expect(run.elapsedMs).toBeCloseTo(150, 6);
    expect(run.tasks[0]?.endMs).toBeCloseTo(150, 6);
    expect(callerLog(run).map(([, message]) => message)).toEqual([
      'giving slow at most 1.5 s → 0.15 s',
      'timed out after 1.5 s → 0.15 s; slow was cancelled',
    ]);
  });

  it('timeout: a job that ends within its deadline gives its value, and the timer is cleared', async () => {
    const run = await runFake(timeouts, 'timeout', { deadline: 4000 });
    expect(run.idealMs).toBe(3000);
    expect(run.elapsedMs).toBe(3000);
    expect(span(run, 'slow')).toMatchObject({ end: 3000, status: 'ok' });
    expect(callerLog(run).at(-1)).toEqual([3000, 'slow ended in time with "slow: done"']);
    expect(run.stats.callerGot).toBe('value "slow: done"');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('timeout: ending right at the deadline is in time', async () => {
    const run = await runFake(timeouts, 'timeout', { deadline: 3000 });
    expect(run.elapsedMs).toBe(3000);
    expect(span(run, 'slow')).toMatchObject({ end: 3000, status: 'ok' });
  });

  it('timeout: a failure within the deadline reaches the caller as it is', async () => {
    const run = await runFake(timeouts, 'timeout', { fail: ['slow'], deadline: 4000 });
    expect(span(run, 'slow')).toMatchObject({ end: 3000, status: 'error' });
    expect(callerLog(run).at(-1)).toEqual([3000, 'slow failed in time: "slow failed"']);
    expect(run.stats.callerGot).toBe('error "slow failed"');
  });

  it('with no failure every job succeeds in every variant', async () => {
    const statuses: Record<string, (string | null)[]> = {};
    for (const variant of ['race', 'any', 'as-completed']) {
      const run = await runFake(timeouts, variant, { fail: [] });
      statuses[variant] = run.tasks.map((t) => t.status);
    }
    expect(statuses).toEqual({
      race: ['ok', 'ok', 'ok'],
      any: ['ok', 'ok', 'ok'],
      'as-completed': ['ok', 'ok', 'ok'],
    });
  });

  it('ideals follow from the options', () => {
    const ideals = (options: Options) =>
      Object.fromEntries(
        Object.entries(timeouts.variants).map(([name, v]) => [name, v.ideal(options, undefined)]),
      );
    const staggered = { fast: 4000, medium: 2000, slow: 6000 };
    expect(ideals({ durations: staggered, fail: ['medium'], deadline: 500 })).toEqual({
      race: 2000,
      any: 4000,
      'as-completed': 6000,
      timeout: 500,
    });
    expect(ideals({ durations: staggered, fail: ALL, deadline: 7000 })).toEqual({
      race: 2000,
      any: 6000,
      'as-completed': 6000,
      timeout: 6000,
    });
  });

  it('every job awaits its timer throughout: one awaiting phase from start to end', async () => {
    const run = await runFake(timeouts, 'as-completed');
    for (const task of run.tasks) {
      expect(task.phases, task.name).toEqual([{ name: 'awaiting', startMs: 0, endMs: task.endMs }]);
    }
  });

  it.each(['race', 'any', 'as-completed', 'timeout'])(
    '%s stops cleanly when the run is stopped at 0.5 s, leaving no timer behind',
    async (variant) => {
      const { run, timersLeft } = await runFakeStoppedAt(timeouts, variant, 500);
      expect(timersLeft).toBe(0);
      expect(run.interrupted).toBe(true);
      expect(run.tasks.every((t) => t.status === 'cancelled' && t.endMs === 500)).toBe(true);
    },
  );
});
