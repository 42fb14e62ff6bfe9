import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/engine/clock.js';
import { clearStopRequest } from '../../src/engine/stop-request.js';
import { requestStopFromAnotherThread } from './stop-from-thread.js';

const clock = systemClock;

// Fake timers take the clock's fallback for time that stands still (one whole timer); the
// early-wake-then-poll path that makes real sleeps precise is measured by `npm run bench:fidelity`.
describe('systemClock.sleep on fake timers', () => {
  afterEach(() => vi.useRealTimers());

  it.each([1, 2, 3, 10, 11, 1000, 3000])('resolves at %d ms exactly, not before', async (ms) => {
    vi.useFakeTimers();
    let done = false;
    void clock.sleep(ms).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(ms - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  // Fake timers round a fractional delay down; a sleep must neither end early nor spin for ever.
  it.each([0.4, 2.5, 7.25])('ends a %d ms sleep at the next whole millisecond', async (ms) => {
    vi.useFakeTimers();
    const start = performance.now();
    await Promise.all([clock.sleep(ms), vi.runAllTimersAsync()]);
    expect(performance.now() - start).toBe(Math.ceil(ms));
  });

  it('never settles in the turn it was called in, even for 0 ms', async () => {
    vi.useFakeTimers();
    const order: string[] = [];
    void clock.sleep(0).then(() => order.push('slept'));
    await Promise.resolve().then(() => order.push('microtask'));
    await vi.runAllTimersAsync();
    expect(order).toEqual(['microtask', 'slept']);
  });

  it('rejects with an AbortError when aborted, and clears its timer', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const slept = clock.sleep(5000, controller.signal);
    const outcome = expect(slept).rejects.toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort();
    await outcome;
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('systemClock.sleep', () => {
  it.each([Number.NaN, Infinity, -Infinity])('rejects a sleep of %d ms at once', async (ms) => {
    await expect(clock.sleep(ms)).rejects.toThrow(RangeError);
  });

  it('treats a negative sleep as 0 ms', async () => {
    await expect(clock.sleep(-5)).resolves.toBeUndefined();
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(clock.sleep(60_000, AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('keeps an AbortError given as the reason, and turns any other reason into one', async () => {
    const reason = new DOMException('stopped by the user', 'AbortError');
    await expect(clock.sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    const other = new AbortController();
    other.abort(new Error('not an abort error'));
    await expect(clock.sleep(60_000, other.signal)).rejects.toMatchObject({
      name: 'AbortError',
      message: 'The operation was aborted',
    });
  });

  it('removes its abort listener once it resolved', async () => {
    const controller = new AbortController();
    const slept = clock.sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    await slept;
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  // Real time: never early is exact; late is bounded generously because the machine is shared.
  it.each([5, 25, 60])('on the real clock, a %d ms sleep never ends early', async (ms) => {
    const start = clock.now();
    await clock.sleep(ms);
    const took = clock.now() - start;
    expect(took).toBeGreaterThanOrEqual(ms);
    expect(took).toBeLessThan(ms + 1000);
  });
});

describe('systemClock.block', () => {
  it('blocks the thread: a due timer cannot fire until it returns', async () => {
    const fired: number[] = [];
    const start = clock.now();
    setTimeout(() => fired.push(clock.now() - start), 0);
    clock.block(60);
    const blockedFor = clock.now() - start;
    expect(fired).toEqual([]);
    expect(blockedFor).toBeGreaterThanOrEqual(59);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBeGreaterThanOrEqual(blockedFor);
  });

  it('ends early with an AbortError when another thread asks to stop; timers waited', async () => {
    const endThread = await requestStopFromAnotherThread(30);
    const fired: string[] = [];
    setTimeout(() => fired.push('timer'), 0);
    try {
      const start = clock.now();
      expect(() => clock.block(10_000)).toThrow(expect.objectContaining({ name: 'AbortError' }));
      // Generous: the request comes after 30 ms; a block that missed it would last 10 s.
      expect(clock.now() - start).toBeLessThan(5000);
      expect(fired).toEqual([]);
    } finally {
      clearStopRequest();
      await endThread();
    }
  });

  it('returns at once for zero or less', () => {
    const start = clock.now();
    clock.block(0);
    clock.block(-5);
    // Generous: a busy machine may stall a little; a block that ran would not return at all soon.
    expect(clock.now() - start).toBeLessThan(1000);
  });
});

describe('systemClock.sleep and abort signals', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds one abort listener per signal however many sleeps wait on it', async () => {
    const controller = new AbortController();
    const sleeps = Array.from({ length: 1000 }, (_, i) =>
      systemClock.sleep(100 + i, controller.signal).then(
        () => 'slept',
        (error: unknown) => (error instanceof Error ? error.name : 'other'),
      ),
    );
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(600);
    controller.abort();
    const outcomes = await Promise.all(sleeps);
    expect(outcomes.filter((o) => o === 'slept')).toHaveLength(501);
    expect(outcomes.filter((o) => o === 'AbortError')).toHaveLength(499);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not reject a sleep that has already ended when the signal aborts later', async () => {
    const controller = new AbortController();
    const slept = systemClock.sleep(50, controller.signal);
    await vi.advanceTimersByTimeAsync(50);
    await expect(slept).resolves.toBeUndefined();
    controller.abort();
    const next = systemClock.sleep(10, controller.signal);
    await expect(next).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('systemClock.sleep keeps the order of deadlines (fake timers)', () => {
  afterEach(() => vi.useRealTimers());

  it('ends equal deadlines in the order started, and an earlier one started later first', async () => {
    vi.useFakeTimers();
    const order: string[] = [];
    void clock.sleep(100).then(() => order.push('a 100'));
    void clock.sleep(100).then(() => order.push('b 100'));
    void clock.sleep(150).then(() => order.push('c 150'));
    void clock.sleep(50).then(() => order.push('d 50'));
    await vi.runAllTimersAsync();
    expect(order).toEqual(['d 50', 'a 100', 'b 100', 'c 150']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an aborted sleep leaves the line, and the others keep their time', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const order: string[] = [];
    const first = clock.sleep(100, controller.signal).catch(() => order.push('first aborted'));
    void clock.sleep(200).then(() => order.push('second at 200'));
    controller.abort();
    await first;
    await vi.advanceTimersByTimeAsync(199);
    expect(order).toEqual(['first aborted']);
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['first aborted', 'second at 200']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
