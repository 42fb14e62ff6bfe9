import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isTimeoutError,
  withTimeout,
  type TimeoutClock,
} from '../../../demos/timeouts/with-timeout.js';
import { systemClock } from '../../../src/engine/clock.js';

/** The system clock (fake timers drive it) at `scale`, under the run's signal `run`. */
function clock(scale = 1, run = new AbortController().signal): TimeoutClock {
  return {
    scale,
    signal: run,
    sleep: (ms, own) => systemClock.sleep(ms * scale, own ? AbortSignal.any([run, own]) : run),
  };
}

/** Work that waits `ms` on `clock`, then gives `value`. */
const job = (c: TimeoutClock, ms: number, value: string) => async (signal: AbortSignal) => {
  await c.sleep(ms, signal);
  return value;
};

/** When `promise` settled on the fake clock, and how. */
async function settle<T>(promise: Promise<T>) {
  const start = performance.now();
  const outcome = promise.then(
    (value) => ({ at: performance.now() - start, value }),
    (error: unknown) => ({ at: performance.now() - start, error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

describe('withTimeout', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('aborts the work at the deadline and rejects with a TimeoutError', async () => {
    const c = clock();
    let seen: AbortSignal | undefined;
    const outcome = await settle(
      withTimeout(c, 1500, (signal) => {
        seen = signal;
        return job(c, 3000, 'late')(signal);
      }),
    );
    expect(outcome.at).toBe(1500);
    expect(isTimeoutError('error' in outcome ? outcome.error : null)).toBe(true);
    expect('error' in outcome && (outcome.error as Error).message).toBe('timed out after 1.5 s');
    expect(seen?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('names the deadline as it lasts at the scale', async () => {
    const c = clock(0.1);
    const outcome = await settle(withTimeout(c, 1500, job(c, 3000, 'late')));
    expect(outcome.at).toBeCloseTo(150, 6);
    expect('error' in outcome && (outcome.error as Error).message).toBe(
      'timed out after 1.5 s → 0.15 s',
    );
  });

  it('gives the value of work that ends in time, and clears its timer at once', async () => {
    const c = clock();
    const running = withTimeout(c, 5000, job(c, 1000, 'in time'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(vi.getTimerCount()).toBe(0);
    await expect(running).resolves.toBe('in time');
  });

  it('is in time when the work ends right at the deadline', async () => {
    const c = clock();
    const outcome = await settle(withTimeout(c, 1000, job(c, 1000, 'just')));
    expect(outcome).toEqual({ at: 1000, value: 'just' });
  });

  it('passes on a failure of the work before the deadline', async () => {
    const outcome = await settle(
      withTimeout(clock(), 1000, () => Promise.reject(new Error('broke'))),
    );
    expect(outcome).toEqual({ at: 0, error: new Error('broke') });
  });

  it('a stopped run is an AbortError, not a timeout', async () => {
    const run = new AbortController();
    const c = clock(1, run.signal);
    const running = settle(withTimeout(c, 1000, job(c, 3000, 'never')));
    run.abort();
    const outcome = await running;
    expect(outcome.at).toBe(0);
    expect('error' in outcome && (outcome.error as Error).name).toBe('AbortError');
    expect(vi.getTimerCount()).toBe(0);
  });
});
