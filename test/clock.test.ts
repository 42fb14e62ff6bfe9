import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../src/clock.js';

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
