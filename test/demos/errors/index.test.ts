import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import errors from '../../../demos/errors/index.js';
import type { RunResult } from '../../../src/engine/runner.js';
import { defaultOptions, runFake, span } from '../../support.js';
import { columnCell } from '../../../src/render/table.js';

const STAGGERED = [1000, 2000, 3000];

/** Every task's span, in creation order. */
function spans(run: RunResult) {
  return run.tasks.map((task) => {
    const { start, end, status } = span(run, task.name);
    return { name: task.name, start, end, status };
  });
}

describe('errors demo', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('declares the defaults of SCENARIOS.md (the rate of 0.3 applies when --fail is not given)', () => {
    expect(defaultOptions(errors.options)).toEqual({
      failureRate: null,
      durations: [1000, 1000, 1000],
      fail: null,
    });
    expect(errors.options.failureRate?.defaultLabel).toBe('0.3');
  });

  it('the same tasks fail in every variant, and the ideals follow from the seed', async () => {
    const ideals: Record<string, number | null> = {};
    for (const variant of Object.keys(errors.variants)) {
      const run = await runFake(errors, variant, { durations: STAGGERED });
      ideals[variant] = run.idealMs;
      const failed = run.tasks.filter((t) => t.status === 'error').map((t) => t.name);
      expect(failed, variant).toEqual(['Task1']);
      expect(run.tasks.find((t) => t.name === 'Task1')?.error).toBe('Task1 failed');
    }
    expect(ideals).toEqual({ sequential: 6000, 'fail-fast': 1000, settled: 3000, cancel: 1000 });
  });

  it('sequential: one at a time, the failure caught, the others carried on', async () => {
    const run = await runFake(errors, 'sequential');
    expect(spans(run)).toEqual([
      { name: 'Task1', start: 0, end: 1000, status: 'error' },
      { name: 'Task2', start: 1000, end: 2000, status: 'ok' },
      { name: 'Task3', start: 2000, end: 3000, status: 'ok' },
    ]);
    expect(run.tasks[1]?.result).toBe('Task2: Success!');
    expect(run.logs.map((l) => l.message)).toContain('caught "Task1 failed", carrying on');
    expect(run.stats.callerGot).toBe('2 ok, 1 caught');
    expect(run.elapsedMs).toBe(3000);
    expect(run.idealMs).toBe(3000);
  });

  it('fail-fast: rejects at the first failure while the orphans run to their end', async () => {
    const run = await runFake(errors, 'fail-fast', { durations: STAGGERED });
    expect(run.elapsedMs).toBe(1000);
    expect(run.idealMs).toBe(1000);
    expect(spans(run)).toEqual([
      { name: 'Task1', start: 0, end: 1000, status: 'error' },
      { name: 'Task2', start: 0, end: 2000, status: 'ok' },
      { name: 'Task3', start: 0, end: 3000, status: 'ok' },
    ]);
    expect(run.stats.callerGot).toBe('first error: Task1 failed');
    const rejected = run.logs.find((l) => l.message.startsWith('Promise.all rejected'));
    expect(rejected?.atMs).toBe(1000);
    expect(rejected?.message).toBe('Promise.all rejected: Task1 failed; 2 still run');
  });

  it('fail-fast says how many tasks still run only when some do', async () => {
    // Task3 fails last, at 3 s: when Promise.all rejects, the others have ended.
    const last = await runFake(errors, 'fail-fast', { durations: STAGGERED, fail: ['Task3'] });
    const rejectedLast = last.logs.find((l) => l.message.startsWith('Promise.all rejected'));
    expect(rejectedLast?.message).toBe(
      'Promise.all rejected: Task3 failed; every other task had ended',
    );
    // Task2 fails at 2 s: Task1 has ended, Task3 still runs.
    const middle = await runFake(errors, 'fail-fast', { durations: STAGGERED, fail: ['Task2'] });
    const rejectedMiddle = middle.logs.find((l) => l.message.startsWith('Promise.all rejected'));
    expect(rejectedMiddle?.message).toBe('Promise.all rejected: Task2 failed; 1 still run');
  });

  it('fail-fast with no failure resolves with every value', async () => {
    const run = await runFake(errors, 'fail-fast', { fail: [] });
    expect(run.stats.callerGot).toBe('value: [3 results]');
    expect(run.elapsedMs).toBe(1000);
  });

  it('cancel: the first failure aborts the siblings, which end cancelled, early', async () => {
    const run = await runFake(errors, 'cancel', { durations: STAGGERED });
    expect(spans(run)).toEqual([
      { name: 'Task1', start: 0, end: 1000, status: 'error' },
      { name: 'Task2', start: 0, end: 1000, status: 'cancelled' },
      { name: 'Task3', start: 0, end: 1000, status: 'cancelled' },
    ]);
    expect(run.elapsedMs).toBe(1000);
    expect(run.idealMs).toBe(1000);
    expect(run.stats.callerGot).toBe('error: Task1 failed, 2 cancelled');
    const cancelled = run.logs.filter((l) => l.message === 'cancelled: a sibling failed');
    expect(cancelled.map((l) => l.task)).toEqual(['Task2', 'Task3']);
  });

  // Task1's timer fires first: without the tie rule its failure would cancel the other two.
  it('cancel with the default durations: siblings ending in the same millisecond keep their outcome', async () => {
    const run = await runFake(errors, 'cancel');
    expect(spans(run)).toEqual([
      { name: 'Task1', start: 0, end: 1000, status: 'error' },
      { name: 'Task2', start: 0, end: 1000, status: 'ok' },
      { name: 'Task3', start: 0, end: 1000, status: 'ok' },
    ]);
    expect(run.stats.callerGot).toBe('error: Task1 failed, 0 cancelled');
    expect(run.elapsedMs).toBe(1000);
  });

  it('cancel: a tie keeps its outcome while a later sibling is cancelled', async () => {
    const run = await runFake(errors, 'cancel', { durations: [1000, 1000, 3000] });
    expect(spans(run).map((s) => [s.name, s.end, s.status])).toEqual([
      ['Task1', 1000, 'error'],
      ['Task2', 1000, 'ok'],
      ['Task3', 1000, 'cancelled'],
    ]);
    expect(run.stats.callerGot).toBe('error: Task1 failed, 1 cancelled');
  });

  it('cancel: failures in the same millisecond are all reported, the first by creation order', async () => {
    const run = await runFake(errors, 'cancel', { fail: ['Task3', 'Task2'] });
    expect(spans(run).map((s) => s.status)).toEqual(['ok', 'error', 'error']);
    expect(run.stats.callerGot).toBe('error: Task2 failed, 0 cancelled');
  });

  it('cancel with a later failure lets the earlier tasks succeed', async () => {
    const run = await runFake(errors, 'cancel', { durations: STAGGERED, fail: ['Task2'] });
    expect(spans(run).map((s) => [s.name, s.end, s.status])).toEqual([
      ['Task1', 1000, 'ok'],
      ['Task2', 2000, 'error'],
      ['Task3', 2000, 'cancelled'],
    ]);
    expect(run.elapsedMs).toBe(2000);
  });

  it('settled: every outcome reported, successes and failures side by side', async () => {
    const run = await runFake(errors, 'settled', { durations: STAGGERED });
    expect(spans(run).map((s) => [s.name, s.end, s.status])).toEqual([
      ['Task1', 1000, 'error'],
      ['Task2', 2000, 'ok'],
      ['Task3', 3000, 'ok'],
    ]);
    expect(run.elapsedMs).toBe(3000);
    expect(run.idealMs).toBe(3000);
    expect(run.logs.filter((l) => l.task === null).map((l) => l.message)).toEqual([
      'Task1: rejected with "Task1 failed"',
      'Task2: fulfilled with "Task2: Success!"',
      'Task3: fulfilled with "Task3: Success!"',
    ]);
    expect(run.stats.callerGot).toBe('3 outcomes: 2 ok, 1 error');
  });

  it('Ctrl-C during cancel: every task cancelled, no timer left behind', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const run = await runFake(
      errors,
      'cancel',
      { durations: STAGGERED },
      {
        signal: controller.signal,
      },
    );
    expect(run.interrupted).toBe(true);
    expect(run.tasks.map((t) => t.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shows what the caller got in a comparison column', () => {
    const column = errors.columns?.[0];
    expect(column?.header).toBe('Caller got');
    const run = { stats: { callerGot: 'first error: Task1 failed' } } as unknown as RunResult;
    if (!column) throw new Error('errors has a column');
    expect(columnCell(column, run)).toBe('first error: Task1 failed');
    expect(columnCell(column, { stats: {} } as unknown as RunResult)).toBe('—');
  });
});
