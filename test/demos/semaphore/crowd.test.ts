import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATCHES, batchesOf, DETAILED_UP_TO } from '../../../demos/semaphore/crowd.js';
import semaphore, { limitOf } from '../../../demos/semaphore/index.js';
import { parseCommandLine } from '../../../src/cli/parse.js';
import type { RunResult } from '../../../src/engine/runner.js';
import { prepareEnvironment, runFake } from '../../support.js';

/** Each lane: when it started and ended, and its phases as [name, start, end]. */
const lanes = (run: RunResult) =>
  run.tasks.map((task) => ({
    name: task.name,
    phases: task.phases.map((p) => [p.name, p.startMs, p.endMs]),
  }));

const FIRST_SUMMARISED = DETAILED_UP_TO + 1;

describe('semaphore demo with many operations (summarised)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('the limit defaults to 2 up to 20 operations, to the square root of --ops above', () => {
    expect(limitOf({ ops: 5, limit: null })).toBe(2);
    expect(limitOf({ ops: DETAILED_UP_TO, limit: null })).toBe(2);
    expect(limitOf({ ops: FIRST_SUMMARISED, limit: null })).toBe(5);
    expect(limitOf({ ops: 1_000_000, limit: null })).toBe(1000);
    expect(limitOf({ ops: 1_000_000, limit: 7 })).toBe(7);
  });

  it(`limited at ${FIRST_SUMMARISED} ops: lanes of 3 wait, then await while their ops hold permits`, async () => {
    const run = await runFake(semaphore, 'limited', { ops: FIRST_SUMMARISED });
    // Limit 5: ops 1–5 run 0–2 s, 6–10 2–4 s, 11–15 4–6 s, 16–20 6–8 s, 21 8–10 s.
    expect(lanes(run)).toEqual([
      { name: 'ops 1–3', phases: [['awaiting', 0, 2000]] },
      { name: 'ops 4–6', phases: [['awaiting', 0, 4000]] },
      {
        name: 'ops 7–9',
        phases: [
          ['waiting', 0, 2000],
          ['awaiting', 2000, 4000],
        ],
      },
      {
        name: 'ops 10–12',
        phases: [
          ['waiting', 0, 2000],
          ['awaiting', 2000, 6000],
        ],
      },
      {
        name: 'ops 13–15',
        phases: [
          ['waiting', 0, 4000],
          ['awaiting', 4000, 6000],
        ],
      },
      {
        name: 'ops 16–18',
        phases: [
          ['waiting', 0, 6000],
          ['awaiting', 6000, 8000],
        ],
      },
      {
        name: 'ops 19–21',
        phases: [
          ['waiting', 0, 6000],
          ['awaiting', 6000, 10_000],
        ],
      },
    ]);
    expect(run.tasks.every((task) => task.status === 'ok' && task.result === '3 done')).toBe(true);
    expect(run.elapsedMs).toBe(10_000);
    expect(run.idealMs).toBe(10_000);
    expect(run.stats).toEqual({ peakConcurrency: 5, finished: FIRST_SUMMARISED });
  });

  it('limited: the permits lane starts at 0, holds the limit and ends at 0', async () => {
    const run = await runFake(semaphore, 'limited', { ops: FIRST_SUMMARISED });
    const permits = run.counters.permitsInUse ?? [];
    expect(permits[0]).toEqual({ atMs: 0, value: 0 });
    expect(permits[1]).toEqual({ atMs: 0, value: 5 });
    expect(permits.at(-1)).toEqual({ atMs: 10_000, value: 0 });
    expect(Math.max(...permits.map((sample) => sample.value))).toBe(5);
    expect(run.counters.running).toBeUndefined();
  });

  it('logs what runs, then a line per 10% finished, ending at 100%', async () => {
    const run = await runFake(semaphore, 'limited', { ops: 1000 });
    const messages = run.logs.map((line) => line.message);
    expect(messages[0]).toBe('1,000 ops, 32 at a time, in 10 lanes');
    expect(messages.slice(1)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `${i + 1}0% finished (${i + 1}00 of 1,000)`),
      '100% finished (1,000 of 1,000)',
    ]);
    // ceil(1000 / 32) = 32 waves of 2 s.
    expect(run.elapsedMs).toBe(64_000);
    expect(run.logs.at(-1)?.atMs).toBe(64_000);
  });

  it('a hundred thousand operations still make 10 lanes, 11 log lines and about 100 samples', async () => {
    const ops = 100_000;
    const run = await runFake(semaphore, 'limited', { ops }, { scale: 0.001 });
    expect(run.tasks).toHaveLength(BATCHES);
    expect(run.tasks.every((task) => task.status === 'ok' && task.result === '10,000 done')).toBe(
      true,
    );
    expect(run.logs).toHaveLength(11);
    // At 0, once every op has started, every 1% finished, and at the end.
    expect((run.counters.permitsInUse ?? []).length).toBe(103);
    // Limit 316: 317 waves of 2 ms, the waves back to back.
    expect(run.elapsedMs).toBeCloseTo(634, 6);
    expect(run.idealMs).toBeCloseTo(634, 6);
    expect(run.stats).toEqual({ peakConcurrency: 316, finished: ops });
    expect(JSON.stringify(run).length).toBeLessThan(20_000);
  });

  it('unlimited: every lane awaits from 0 to the duration, the running lane peaks at --ops', async () => {
    const run = await runFake(semaphore, 'unlimited', { ops: 1000, duration: 500 });
    expect(run.tasks).toHaveLength(BATCHES);
    for (const lane of lanes(run)) expect(lane.phases).toEqual([['awaiting', 0, 500]]);
    expect(run.elapsedMs).toBe(500);
    const running = run.counters.running ?? [];
    expect(Math.max(...running.map((sample) => sample.value))).toBe(1000);
    expect(running.at(-1)).toEqual({ atMs: 500, value: 0 });
    expect(run.stats.peakConcurrency).toBe(1000);
  });

  it('sequential (when asked for): each lane starts when the previous one ends', async () => {
    const run = await runFake(semaphore, 'sequential', { ops: 30, duration: 100 });
    expect(run.tasks.map((task) => [task.name, task.startMs, task.endMs])).toEqual(
      Array.from({ length: 10 }, (_, b) => [
        `ops ${3 * b + 1}–${3 * b + 3}`,
        b * 300,
        b * 300 + 300,
      ]),
    );
    expect(run.elapsedMs).toBe(3000);
    expect(run.stats.peakConcurrency).toBe(1);
  });

  it('Ctrl-C stops a large run: every lane cancelled, permits given back, no timer left', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 3000);
    const run = await runFake(semaphore, 'limited', { ops: 1000 }, { signal: controller.signal });
    expect(run.interrupted).toBe(true);
    expect(run.elapsedMs).toBe(3000);
    expect(run.tasks.map((task) => task.status)).toEqual(Array(BATCHES).fill('cancelled'));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a full run leaves sequential out above 20 operations, and says how long it would take', async () => {
    const settings = { demos: [semaphore], version: '0.0.0' };
    const chosen = (...argv: string[]) =>
      (parseCommandLine(['semaphore', ...argv], settings) as { variants: string[] }).variants;
    expect(chosen('--ops', String(DETAILED_UP_TO))).toEqual(['sequential', 'limited', 'unlimited']);
    expect(chosen('--ops', String(FIRST_SUMMARISED))).toEqual(['limited', 'unlimited']);
    expect(chosen('--ops', '1000000', '--sequential')).toEqual(['sequential']);

    const options = { ops: 1_000_000, duration: 2000, limit: null };
    const environment = prepareEnvironment({ scale: 0.001, leftOut: ['sequential'] });
    const prepared = await semaphore.prepare?.(options, environment);
    expect(prepared?.notes).toEqual([
      'sequential not run: it would take 2000 s at this scale; add --sequential to run it',
    ]);
  });

  it('splits operations into at most 10 lanes of nearly equal size', () => {
    expect(batchesOf(21)).toHaveLength(7);
    expect(batchesOf(1_000_000)).toHaveLength(10);
    expect(batchesOf(1_000_000).at(-1)).toEqual({ first: 900_000, last: 999_999 });
    expect(batchesOf(25).map((b) => b.last - b.first + 1)).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 1]);
  });
});
