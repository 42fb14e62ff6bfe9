import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Progress } from '../../../demos/fetch/progress.js';
import { defineDemo, type DemoContext } from '../../../src/engine/demo.js';
import { RequestError } from '../../../demos/fetch/http-client.js';
import { runFake } from '../../support.js';

/** Runs `script` as the only variant of a demo, on fake timers, and returns what it recorded. */
function record(script: (ctx: DemoContext<Record<string, never>>) => Promise<void>) {
  const demo = defineDemo({
    name: 'progress',
    summary: 'drives a Progress by hand',
    options: {},
    variants: { only: { summary: '', ideal: () => null, run: script } },
  });
  return runFake(demo, 'only');
}

describe('Progress', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a small run: every change of inFlight is a sample, and the figures are stats', async () => {
    const run = await record(async (ctx) => {
      const progress = new Progress(ctx, 3, false);
      progress.started();
      progress.started();
      await ctx.sleep(100);
      progress.released();
      progress.succeeded();
      progress.started();
      await ctx.sleep(100);
      progress.released();
      progress.failedWith(new RequestError('timeout', 'timed out after 5 s'));
      progress.released();
      progress.failedWith(new Error('odd'));
      progress.finish();
    });
    expect(run.counters.inFlight?.map((s) => [s.atMs, s.value])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [100, 1],
      [100, 2],
      [200, 1],
      [200, 0],
      [200, 0],
    ]);
    expect(run.stats).toEqual({
      requests: 3,
      ok: 1,
      failed: 2,
      failures: { timeout: 1, other: 1 },
      requestsPerSecond: 15,
      peakInFlight: 2,
    });
    expect(run.logs).toEqual([]);
  });

  it('a big run: at most a sample a millisecond, keeping the peak; a line every tenth', async () => {
    const run = await record(async (ctx) => {
      const progress = new Progress(ctx, 30, true);
      for (let i = 0; i < 30; i++) progress.started();
      await ctx.sleep(5);
      for (let i = 0; i < 30; i++) {
        progress.released();
        progress.succeeded();
      }
      progress.finish();
    });
    expect(run.counters.inFlight?.map((s) => [s.atMs, s.value])).toEqual([
      [0, 0],
      [0, 1],
      [5, 30],
      [5, 0],
    ]);
    expect(run.logs.map((line) => line.message)).toEqual(
      Array.from(
        { length: 10 },
        (_, i) => `${(i + 1) * 3} of 30 done · ${27 - i * 3} in flight · 0 failed`,
      ),
    );
    expect(run.stats).toMatchObject({ peakInFlight: 30, requestsPerSecond: 6000 });
  });

  it('logs the first three failures of a big run by name, then only counts', async () => {
    const run = await record(async (ctx) => {
      const progress = new Progress(ctx, 100, true);
      for (let i = 1; i <= 5; i++) {
        const error = new RequestError('status', 'HTTP 503 Service Unavailable');
        progress.started();
        progress.released();
        progress.failedWith(error);
        progress.reportFailure(`/status/503 #${i}`, error);
      }
      await Promise.resolve();
    });
    expect(run.logs.map((line) => line.message)).toEqual([
      '/status/503 #1 failed: HTTP 503 Service Unavailable',
      '/status/503 #2 failed: HTTP 503 Service Unavailable',
      '/status/503 #3 failed: HTTP 503 Service Unavailable',
      'further failures are counted, not logged',
    ]);
  });
});
