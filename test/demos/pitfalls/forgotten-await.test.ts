import { setImmediate as realSetImmediate } from 'node:timers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import pitfalls from '../../../demos/pitfalls/index.js';
import { runFake } from '../../support.js';

describe('the forgotten await, stopped by Ctrl-C', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  // Without its listener, the detached work aborted by the stop is an unhandled rejection: Node
  // (and vitest, which fails the run on one) would report it.
  it.each([200, 700])(
    'at %i ms, leaves no unhandled rejection and removes its listener',
    async (stopAtMs) => {
      const listenersBefore = process.listenerCount('unhandledRejection');
      const stop = new AbortController();
      setTimeout(() => stop.abort(), stopAtMs);
      const run = await runFake(pitfalls, 'forgotten-await', {}, { signal: stop.signal });
      expect(run.interrupted).toBe(true);
      expect(run.tasks.find((t) => t.name === 'save-order')?.status).toBe('cancelled');
      // The receipt's real failure, at 0.3 s, is still the only one counted.
      expect(run.stats.unhandledRejections).toBe(stopAtMs > 300 ? 1 : 0);
      await new Promise((resolve) => realSetImmediate(resolve));
      expect(process.listenerCount('unhandledRejection')).toBe(listenersBefore);
    },
  );
});
