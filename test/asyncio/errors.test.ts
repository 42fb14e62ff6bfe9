import { describe, expect, it } from 'vitest';
import errors from '../../demos/errors/index.js';
import { drawFailures, type Options } from '../../demos/errors/options.js';
import { defaultOptions } from '../../src/engine/demo.js';
import { createRandom } from '../../src/engine/random.js';
import type { RunResult } from '../../src/engine/run-result.js';
import { runTwin } from '../../src/engine/twin.js';

function twin(variant: string, options: Partial<Options>, seed = 42): Promise<RunResult> {
  return runTwin({
    demo: errors,
    variant,
    options: { ...defaultOptions(errors.options), ...options },
    scale: 0.02,
    seed,
    idealMs: null,
  });
}

// Far apart, so that no stall of a busy machine lets the later tasks end with the first; they are
// cancelled long before their time, so the run stays short.
const STAGGERED = [1000, 30_000, 60_000];

const outcomes = (run: RunResult) =>
  Object.fromEntries(run.tasks.map((task) => [task.name.replace(' · py', ''), task.status]));

describe('the asyncio twin of errors', () => {
  it('fails the tasks the Node demo draws from the same seed and rate', async () => {
    const durations = [100, 100, 100, 100, 100, 100];
    for (const [seed, rate] of [
      [42, 0.3],
      [7, 0.5],
      [1234, 0.5],
      [99, 0.8],
    ] as const) {
      const run = await twin('settled', { durations, failureRate: rate }, seed);
      const failing = drawFailures(createRandom(seed), rate, durations.length);
      const failed = run.tasks.filter((task) => task.status === 'error').map((task) => task.name);
      expect(failed, `seed ${seed}`).toEqual(failing.map((name) => `${name} · py`));
    }
  });

  it('fails the tasks --fail names', async () => {
    const run = await twin('sequential', { fail: ['Task2', 'Task3'] });
    expect(outcomes(run)).toEqual({ Task1: 'ok', Task2: 'error', Task3: 'error' });
    expect(run.stats.callerGot).toBe('1 ok, 2 caught');
  });

  it('fail-fast: main hears of the first failure, asyncio.run cancels the rest', async () => {
    const run = await twin('fail-fast', { durations: STAGGERED, fail: ['Task1'] });
    expect(outcomes(run)).toEqual({ Task1: 'error', Task2: 'cancelled', Task3: 'cancelled' });
    expect(run.stats.callerGot).toBe('first error: Task1 failed');
  });

  it('cancel: the TaskGroup cancels the siblings of the first failure', async () => {
    const run = await twin('cancel', { durations: STAGGERED, fail: ['Task1'] });
    expect(outcomes(run)).toEqual({ Task1: 'error', Task2: 'cancelled', Task3: 'cancelled' });
    expect(run.stats.callerGot).toBe('error: Task1 failed, 2 cancelled');
  });

  it('settled: every outcome, in the order of the tasks', async () => {
    const run = await twin('settled', { durations: [3000, 1000, 2000], fail: ['Task2'] });
    const said = run.logs.filter((line) => line.task === null).map((line) => line.message);
    expect(said).toEqual([
      'Task1: returned "Task1: Success!"',
      'Task2: returned the exception "Task2 failed"',
      'Task3: returned "Task3: Success!"',
    ]);
  });
});
