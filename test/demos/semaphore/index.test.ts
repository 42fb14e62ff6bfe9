import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import semaphore, { MAX_SWEEP_LIMITS, sweepLimits } from '../../../demos/semaphore/index.js';
import { parseCommandLine } from '../../../src/cli/parse.js';
import { InvalidValueError } from '../../../src/engine/demo.js';
import { UsageError } from '../../../src/engine/errors.js';
import type { TaskSpan } from '../../../src/engine/recorder.js';
import type { RunResult } from '../../../src/engine/runner.js';
import { runFake, runFakeStoppedAt } from '../../support.js';

const spans = (run: RunResult) =>
  run.tasks.map((task) => ({ name: task.name, start: task.startMs, end: task.endMs }));

/** When each task held its permit: from the end of its wait (if any) to its end. */
const running = (run: RunResult) =>
  run.tasks.map((task) => {
    const phase = task.phases.find((p) => p.name !== 'waiting');
    return { name: task.name, start: phase?.startMs, end: task.endMs };
  });

/** The most tasks in their running phase at any one moment, from the recorded phases. */
function peakRunning(tasks: readonly TaskSpan[]): number {
  const edges = tasks
    .flatMap((task) => task.phases.filter((p) => p.name !== 'waiting'))
    .flatMap((p) => [
      { at: p.startMs, by: 1 },
      { at: p.endMs ?? Infinity, by: -1 },
    ])
    // At the same instant an end comes before a start: a permit handed over is not two at once.
    .sort((a, b) => a.at - b.at || a.by - b.by);
  let now = 0;
  let peak = 0;
  for (const edge of edges) peak = Math.max(peak, (now += edge.by));
  return peak;
}

describe('semaphore demo', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('limited: Op1+Op2 run 0–2 s, Op3+Op4 2–4 s, Op5 4–6 s, every op starting at 0 waiting', async () => {
    const run = await runFake(semaphore, 'limited');
    expect(spans(run)).toEqual([
      { name: 'Op1', start: 0, end: 2000 },
      { name: 'Op2', start: 0, end: 2000 },
      { name: 'Op3', start: 0, end: 4000 },
      { name: 'Op4', start: 0, end: 4000 },
      { name: 'Op5', start: 0, end: 6000 },
    ]);
    expect(running(run)).toEqual([
      { name: 'Op1', start: 0, end: 2000 },
      { name: 'Op2', start: 0, end: 2000 },
      { name: 'Op3', start: 2000, end: 4000 },
      { name: 'Op4', start: 2000, end: 4000 },
      { name: 'Op5', start: 4000, end: 6000 },
    ]);
    // Op1 and Op2 get a permit at once: no wait is recorded for them.
    expect(run.tasks.map((t) => t.phases[0]?.name)).toEqual([
      'awaiting',
      'awaiting',
      'waiting',
      'waiting',
      'waiting',
    ]);
    expect(run.tasks.every((t) => t.status === 'ok')).toBe(true);
    expect(run.elapsedMs).toBe(6000);
    expect(run.idealMs).toBe(6000);
    expect(run.stats.peakConcurrency).toBe(2);
    expect(peakRunning(run.tasks)).toBe(2);
  });

  it('limited: each permit line counts the permits in use as it was taken (Op1: 1 of 2)', async () => {
    const run = await runFake(semaphore, 'limited');
    const permits = run.logs
      .filter((line) => line.message.startsWith('got a permit'))
      .map((line) => `${line.task}: ${line.message}`);
    expect(permits).toEqual([
      'Op1: got a permit (1 of 2 in use)',
      'Op2: got a permit (2 of 2 in use)',
      'Op3: got a permit (2 of 2 in use)',
      'Op4: got a permit (2 of 2 in use)',
      'Op5: got a permit (1 of 2 in use)',
    ]);
  });

  it('limited: the permitsInUse counter follows the permits and never passes the limit', async () => {
    const run = await runFake(semaphore, 'limited');
    // The permits pass straight from one op to the next at 2 s and 4 s: no sample there.
    expect(run.counters.permitsInUse).toEqual([
      { atMs: 0, value: 0 },
      // Both permits are taken in the same instant, before either op gets to sample.
      { atMs: 0, value: 2 },
      { atMs: 4000, value: 1 },
      { atMs: 6000, value: 0 },
    ]);
  });

  it.each([
    { ops: 7, limit: 3, duration: 1000, ideal: 3000 },
    { ops: 4, limit: 4, duration: 500, ideal: 500 },
    { ops: 3, limit: 10, duration: 2000, ideal: 2000 },
    { ops: 12, limit: 1, duration: 100, ideal: 1200 },
  ])('limited with $ops ops and limit $limit takes $ideal ms', async (options) => {
    const { ideal, ...demoOptions } = options;
    const run = await runFake(semaphore, 'limited', demoOptions);
    expect(run.elapsedMs).toBe(ideal);
    expect(run.idealMs).toBe(ideal);
    expect(peakRunning(run.tasks)).toBe(Math.min(options.ops, options.limit));
    expect(run.stats.peakConcurrency).toBe(Math.min(options.ops, options.limit));
  });

  it('sequential runs one op after the other in 10 s, with a peak of 1', async () => {
    const run = await runFake(semaphore, 'sequential');
    expect(spans(run).map((s) => [s.start, s.end])).toEqual([
      [0, 2000],
      [2000, 4000],
      [4000, 6000],
      [6000, 8000],
      [8000, 10000],
    ]);
    expect(run.idealMs).toBe(10_000);
    expect(run.stats.peakConcurrency).toBe(1);
    expect(peakRunning(run.tasks)).toBe(1);
  });

  it('unlimited runs every op at once in 2 s, with a peak of 5', async () => {
    const run = await runFake(semaphore, 'unlimited');
    expect(spans(run).every((s) => s.start === 0 && s.end === 2000)).toBe(true);
    expect(run.elapsedMs).toBe(2000);
    expect(run.idealMs).toBe(2000);
    expect(run.stats.peakConcurrency).toBe(5);
  });

  it('sweep runs limited once per limit, back to back, and records each pass', async () => {
    const run = await runFake(semaphore, 'sweep');
    // ceil(5/k) waves of 2 s: 10, 6, 4, 4, 2 seconds.
    expect(spans(run)).toEqual([
      { name: 'limit 1', start: 0, end: 10_000 },
      { name: 'limit 2', start: 10_000, end: 16_000 },
      { name: 'limit 3', start: 16_000, end: 20_000 },
      { name: 'limit 4', start: 20_000, end: 24_000 },
      { name: 'limit 5', start: 24_000, end: 26_000 },
    ]);
    expect(run.idealMs).toBe(26_000);
    expect(run.stats.sweep).toEqual([
      { name: 'limit 1', limit: 1, elapsedMs: 10_000, idealMs: 10_000 },
      { name: 'limit 2', limit: 2, elapsedMs: 6000, idealMs: 6000 },
      { name: 'limit 3', limit: 3, elapsedMs: 4000, idealMs: 4000 },
      { name: 'limit 4', limit: 4, elapsedMs: 4000, idealMs: 4000 },
      { name: 'limit 5', limit: 5, elapsedMs: 2000, idealMs: 2000 },
    ]);
    expect(run.stats.peakConcurrency).toBe(5);
    // A pass only waits for its operations: it is drawn as awaiting, never as running.
    for (const task of run.tasks) expect(task.phases.map((p) => p.name)).toEqual(['awaiting']);
  });

  it('sweep runs at most 20 limits, evenly spaced from 1 to --ops', async () => {
    expect(MAX_SWEEP_LIMITS).toBe(20);
    expect(sweepLimits(1)).toEqual([1]);
    expect(sweepLimits(20)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const many = sweepLimits(1000);
    expect(many).toHaveLength(20);
    expect([many[0], many[1], many.at(-1)]).toEqual([1, 54, 1000]);
    expect(new Set(many).size).toBe(20);
    expect(many).toEqual([...many].sort((a, b) => a - b));

    const run = await runFake(semaphore, 'sweep', { ops: 50, duration: 100 });
    const limits = sweepLimits(50);
    expect(limits).toHaveLength(20);
    expect(run.tasks.map((t) => t.name)).toEqual(limits.map((k) => `limit ${k}`));
    const ideal = limits.reduce((sum, k) => sum + Math.ceil(50 / k) * 100, 0);
    expect(run.idealMs).toBe(ideal);
    expect(run.elapsedMs).toBe(ideal);
  });

  it('scales every time, the ideal included', async () => {
    const run = await runFake(semaphore, 'limited', {}, { scale: 0.1 });
    expect(run.elapsedMs).toBeCloseTo(600, 6);
    expect(run.idealMs).toBeCloseTo(600, 6);
  });

  it('cancels ops still waiting for a permit when the run is stopped, leaving nothing behind', async () => {
    const { run, timersLeft } = await runFakeStoppedAt(semaphore, 'limited', 3000);
    // The run must end without any timer firing: none is left pending once it is stopped.
    expect(timersLeft).toBe(0);
    expect(run.interrupted).toBe(true);
    expect(run.tasks.map((t) => t.status)).toEqual([
      'ok',
      'ok',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    // Op3 and Op4 held the permits when stopped: they gave them back.
    expect(run.counters.permitsInUse?.at(-1)).toEqual({ atMs: 3000, value: 0 });
  });

  describe('options', () => {
    const { ops, duration, limit } = semaphore.options;

    it('parses the counts and the duration', () => {
      expect(ops?.parse('8', 5)).toBe(8);
      expect(limit?.parse('1', 2)).toBe(1);
      expect(duration?.parse('0.5', 2000)).toBe(500);
    });

    it.each([
      ['ops', '0'],
      ['ops', '2.5'],
      ['ops', 'many'],
      ['ops', '1000001'],
      ['limit', '0'],
      ['limit', '-1'],
      ['duration', '-1'],
      ['duration', 'soon'],
    ] as const)('rejects --%s %s with what is allowed', (name, raw) => {
      const spec = semaphore.options[name];
      expect(() => spec?.parse(raw, spec.default)).toThrow(InvalidValueError);
      expect(() => spec?.parse(raw, spec.default)).toThrow(/is a (whole )?number/);
    });

    it('makes a bad value a one-line usage error on the command line', () => {
      const settings = { demos: [semaphore], version: '0.0.0' };
      expect(() => parseCommandLine(['semaphore', '--limit', '0'], settings)).toThrow(UsageError);
      expect(() => parseCommandLine(['semaphore', '--limit', '0'], settings)).toThrow(
        "invalid --limit '0': the limit is a whole number from 1 to 1000000",
      );
    });

    it('leaves the opt-in sweep out of a run of every variant, and runs it when asked', () => {
      const settings = { demos: [semaphore], version: '0.0.0' };
      const all = parseCommandLine(['semaphore'], settings);
      expect(all).toMatchObject({ variants: ['sequential', 'limited', 'unlimited'] });
      const sweep = parseCommandLine(['semaphore', '--sweep', '--limited'], settings);
      expect(sweep).toMatchObject({ variants: ['limited', 'sweep'] });
    });
  });
});
