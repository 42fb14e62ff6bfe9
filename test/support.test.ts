import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClock } from './support.js';

describe('fakeClock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sleeps on fake time and blocks by moving now() forward', async () => {
    const clock = fakeClock();
    const start = clock.now();
    const slept = clock.sleep(1000);
    await vi.advanceTimersByTimeAsync(1000);
    await slept;
    expect(clock.now() - start).toBe(1000);
    clock.block(500);
    expect(clock.now() - start).toBe(1500);
  });
});
