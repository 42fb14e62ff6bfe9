import { describe, expect, it } from 'vitest';
import timeouts from '../../demos/timeouts/index.js';
import type { Options } from '../../demos/timeouts/options.js';
import { defaultOptions } from '../../src/engine/demo.js';
import type { RunResult } from '../../src/engine/run-result.js';
import { runTwin } from '../../src/engine/twin.js';

function twin(variant: string, options: Partial<Options> = {}): Promise<RunResult> {
  return runTwin({
    demo: timeouts,
    variant,
    options: { ...defaultOptions(timeouts.options), ...options },
    scale: 0.02,
    seed: 42,
    idealMs: null,
  });
}

// Far behind fast, so that no stall of a busy machine lets them end with it; they are cancelled
// long before their time, so the run stays short.
const FAR = { fast: 1000, medium: 30_000, slow: 60_000 };

const outcomes = (run: RunResult) =>
  Object.fromEntries(run.tasks.map((task) => [task.name.replace(' · py', ''), task.status]));

describe('the asyncio twin of timeouts', () => {
  it('race: the first to finish wins; asyncio.run cancels the others', async () => {
    const run = await twin('race', { durations: FAR });
    expect(run.stats.callerGot).toBe('value "fast: done"');
    expect(outcomes(run)).toEqual({ fast: 'ok', medium: 'cancelled', slow: 'cancelled' });
  });

  it('race: a failure that finishes first wins too', async () => {
    const run = await twin('race', { durations: FAR, fail: ['fast'] });
    expect(run.stats.callerGot).toBe('error "fast failed"');
  });

  it('any: failures are skipped; when every job fails, an ExceptionGroup', async () => {
    const medium = await twin('any', { durations: { ...FAR, medium: 2000 }, fail: ['fast'] });
    expect(medium.stats.callerGot).toBe('value "medium: done"');
    const all = await twin('any', { fail: ['fast', 'medium', 'slow'] });
    expect(all.stats.callerGot).toBe('ExceptionGroup (3 errors)');
  });

  it('as-completed: outcomes in finishing order, not creation order', async () => {
    const run = await twin('as-completed', { durations: { fast: 3000, medium: 1000, slow: 2000 } });
    const said = run.logs.filter((line) => line.task === null).map((line) => line.message);
    expect(said).toEqual([
      '1st to complete: failed with "medium failed"',
      '2nd to complete: "slow: done"',
      '3rd to complete: "fast: done"',
    ]);
  });

  it('timeout: wait_for cancels slow at the deadline, or lets it finish in time', async () => {
    const late = await twin('timeout', { durations: FAR });
    expect(late.stats.callerGot).toBe('TimeoutError');
    expect(outcomes(late)).toEqual({ slow: 'cancelled' });
    // slow is given 20 times its 3 s: wait_for's timer cannot fire first.
    const inTime = await twin('timeout', { durations: { ...FAR, slow: 3000 }, deadline: 60_000 });
    expect(inTime.stats.callerGot).toBe('value "slow: done"');
  });
});
