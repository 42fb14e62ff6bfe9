import { describe, expect, it } from 'vitest';
import awaitDemo from '../../demos/await.js';
import errors from '../../demos/errors/index.js';
import semaphore from '../../demos/semaphore.js';
import { defaultOptions, type AnyDemo } from '../../src/engine/demo.js';
import { runDemo } from '../../src/engine/lifecycle.js';
import type { RunResult } from '../../src/engine/run-result.js';
import { DEFAULT_SEED } from '../../src/engine/random.js';

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
