import { describe, expect, it } from 'vitest';
import semaphore from '../../demos/semaphore/index.js';
import { defaultOptions } from '../../src/engine/demo.js';
import type { RunResult } from '../../src/engine/run-result.js';
import { runTwin } from '../../src/engine/twin.js';

function twin(variant: string, options: { ops: number; limit: number }): Promise<RunResult> {
  return runTwin({
    demo: semaphore,
    variant,
    options: { ...defaultOptions(semaphore.options), ...options },
    scale: 0.02,
    seed: 42,
    idealMs: null,
  });
}

/** How many operations had started and not yet finished, after each of their log lines. */
function runningAfterEachLine(run: RunResult): number[] {
  let running = 0;
  return run.logs.map((line) => {
    if (line.message.startsWith('starts')) running++;
    if (line.message === 'done') running--;
    return running;
  });
}

describe('the asyncio twin of semaphore', () => {
  it('never holds more permits than the limit, and holds all of them', async () => {
    const run = await twin('limited', { ops: 8, limit: 3 });
    const permits = (run.counters.permitsInUse ?? []).map((sample) => sample.value);
    expect(Math.max(...permits)).toBe(3);
    expect(permits.at(-1)).toBe(0);
    expect(Math.max(...runningAfterEachLine(run))).toBe(3);
    expect(run.stats.peakConcurrency).toBe(3);
    expect(run.tasks.map((task) => task.status)).toEqual(Array(8).fill('ok'));
  });

  it('queues every operation beyond the limit until one has finished', async () => {
    const run = await twin('limited', { ops: 5, limit: 2 });
    const firstDone = run.logs.findIndex((line) => line.message === 'done');
    const late = run.logs
      .filter((line, i) => i > firstDone && line.message.startsWith('got a permit'))
      .map((line) => line.task);
    expect(late).toEqual(['Op3', 'Op4', 'Op5'].map((name) => `${name} · py`));
    for (const task of run.tasks) {
      const phases = task.phases.map((phase) => phase.name);
      if (late.includes(task.name)) expect(phases[0], task.name).toBe('waiting');
      expect(phases, task.name).toContain('awaiting');
    }
  });

  it('lets every operation run at once when unlimited', async () => {
    const run = await twin('unlimited', { ops: 6, limit: 2 });
    expect(Math.max(...runningAfterEachLine(run))).toBe(6);
    expect(run.stats.peakConcurrency).toBe(6);
  });

  it('sweeps the limits the Node demo sweeps, each pass within its own limit', async () => {
    const run = await twin('sweep', { ops: 4, limit: 2 });
    const passes = run.stats.sweep as { limit: number }[];
    expect(passes.map((pass) => pass.limit)).toEqual([1, 2, 3, 4]);
    const running = run.counters.running ?? [];
    for (const { limit } of passes) {
      const pass = run.tasks.find((task) => task.name === `limit ${limit} · py`);
      const during = running.filter(
        (sample) => sample.atMs >= (pass?.startMs ?? 0) && sample.atMs <= (pass?.endMs ?? 0),
      );
      expect(Math.max(...during.map((sample) => sample.value)), `limit ${limit}`).toBe(limit);
    }
  });
});
