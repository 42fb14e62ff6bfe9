import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asCompleted } from '../../../demos/timeouts/as-completed.js';
import { flush } from '../../support.js';

const after = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const failAfter = (ms: number, message: string) =>
  new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), ms));

describe('asCompleted', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives the outcomes in finishing order, each as soon as it is there', async () => {
    const seen: [number, string][] = [];
    const start = Date.now();
    const reading = (async () => {
      for (const next of asCompleted([after(300, 'a'), failAfter(100, 'b'), after(200, 'c')])) {
        const outcome = await next.catch((error: unknown) => `error ${(error as Error).message}`);
        seen.push([Date.now() - start, outcome]);
      }
    })();
    await vi.runAllTimersAsync();
    await reading;
    expect(seen).toEqual([
      [100, 'error b'],
      [200, 'c'],
      [300, 'a'],
    ]);
  });

  it('keeps the starting order for outcomes that arrive together', async () => {
    const outcomes = asCompleted([
      after(100, 'first'),
      after(100, 'second'),
      Promise.resolve('now'),
    ]);
    await vi.runAllTimersAsync();
    expect(await Promise.all(outcomes)).toEqual(['now', 'first', 'second']);
  });

  it('leaves no unhandled rejection behind when an outcome is never read', async () => {
    vi.useRealTimers();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const outcomes = asCompleted([Promise.reject(new Error('unread'))]);
      expect(outcomes).toHaveLength(1);
      await flush();
      await flush();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('gives nothing for nothing', () => {
    expect(asCompleted([])).toEqual([]);
  });
});
