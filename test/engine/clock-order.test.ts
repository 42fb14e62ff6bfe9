import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import awaitDemo from '../../demos/await.js';
import errors from '../../demos/errors/index.js';
import semaphore from '../../demos/semaphore/index.js';
import { defaultOptions, type AnyDemo } from '../../src/engine/demo.js';
import { runDemo } from '../../src/engine/lifecycle.js';
import type { RunResult } from '../../src/engine/run-result.js';
import { DEFAULT_SEED } from '../../src/engine/random.js';
import { systemClock } from '../../src/engine/clock.js';

// Real clock, many runs in one process: the order of events is guaranteed by the clock's design
// (one heap of deadlines), not by luck, so it must hold every time. Not a timing test.
const RUNS = 100;

async function runOnce(demo: AnyDemo, variant: string, scale: number): Promise<RunResult> {
  const [run] = await runDemo({
    demo,
    options: defaultOptions(demo.options),
    variants: [variant],
    scale,
    seed: DEFAULT_SEED,
  });
  if (!run) throw new Error(`${demo.name} ${variant} did not run`);
  return run;
}

const endOrder = (run: RunResult) =>
  [...run.tasks]
    .sort((a, b) => (a.endMs ?? 0) - (b.endMs ?? 0))
    .map((task) => task.name)
    .join(' ');

describe('the order of events on the real clock', () => {
  it(`await --concurrent at scale 0.01: A1 B1 A2 B2 A3 B3 in ${RUNS} runs of ${RUNS}`, async () => {
    const orders = new Set<string>();
    for (let i = 0; i < RUNS; i++) {
      const run = await runOnce(awaitDemo, 'concurrent', 0.01);
      orders.add(run.logs.map((line) => line.message.split(':')[0]).join(' '));
    }
    expect([...orders]).toEqual(['A1 B1 A2 B2 A3 B3 A returns B returns']);
  }, 60_000);

  it(`semaphore --limited at scale 0.01: Op1 to Op5 end in order, ${RUNS} times`, async () => {
    const orders = new Set<string>();
    for (let i = 0; i < RUNS; i++) orders.add(endOrder(await runOnce(semaphore, 'limited', 0.01)));
    expect([...orders]).toEqual(['Op1 Op2 Op3 Op4 Op5']);
  }, 60_000);

  it(`errors --settled at scale 0.01: Task1, Task2, Task3 end in order, ${RUNS} times`, async () => {
    const orders = new Set<string>();
    for (let i = 0; i < RUNS; i++) orders.add(endOrder(await runOnce(errors, 'settled', 0.01)));
    expect([...orders]).toEqual(['Task1 Task2 Task3']);
  }, 60_000);
});

describe('sleeps of one length started together', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** When each sleep ended, on the virtual clock. */
  async function endsOf(gapsMs: readonly number[], ms: number): Promise<number[]> {
    const origin = performance.now();
    const ends: Promise<number>[] = [];
    for (const gap of gapsMs) {
      vi.advanceTimersByTime(gap);
      ends.push(systemClock.sleep(ms).then(() => performance.now() - origin));
    }
    await vi.advanceTimersByTimeAsync(ms + 10);
    return Promise.all(ends);
  }

  it("share the first one's start when begun within 2 ms of it: one deadline, ended together", async () => {
    // Lengths no other test sleeps, so that no earlier sleep counts as started with these.
    const ends = await endsOf([0, 0.6, 0.9], 37);
    // Fake timers fire on whole milliseconds from where the virtual clock stands (1.5 ms here).
    expect(new Set(ends).size).toBe(1);
    expect(ends[0]).toBeGreaterThanOrEqual(37);
    expect(ends[0]).toBeLessThan(38);
  });

  it('keep their own deadlines when begun further apart, or of another length', async () => {
    expect(await endsOf([0, 3], 41)).toEqual([41, 44]);
    const [one, other] = await Promise.all([endsOf([0], 43), endsOf([1], 44)]);
    expect([one, other]).toEqual([[43], [45]]);
  });
});
