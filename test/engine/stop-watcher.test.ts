import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clearStopRequest,
  holdUnlessStopped,
  onStopRequest,
  stopRequested,
} from '../../src/engine/stop-request.js';
import { watchForStopRequests } from '../../src/engine/stop-watcher.js';

describe('the stop watcher thread', () => {
  afterEach(() => clearStopRequest());

  it('starts nothing unless stop requests are handled (main.ts handles them)', async () => {
    const release = await watchForStopRequests();
    await release();
    expect(stopRequested()).toBeUndefined();
  });

  // The test process (a vitest fork) signals itself; a listener of its own keeps SIGHUP's
  // default action (ending the process) away, whatever happens.
  const ignore = () => {};
  beforeEach(() => process.on('SIGHUP', ignore));
  afterEach(async () => {
    // The main thread's own listener hears each signal too, once the loop turns.
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off('SIGHUP', ignore);
  });

  /** Signals this process and holds the thread: true when the hold went unheard to its end. */
  function holdThroughSignal(ms: number): boolean {
    process.kill(process.pid, 'SIGHUP');
    return holdUnlessStopped(ms);
  }

  it('hears a signal while this thread is held, and ends the hold', async () => {
    const told: string[] = [];
    const stopHandling = onStopRequest((signal) => told.push(signal));
    const release = await watchForStopRequests();
    try {
      expect(holdThroughSignal(10_000)).toBe(false);
      expect(told).toEqual(['SIGHUP']);
    } finally {
      await release();
      stopHandling();
    }
  });

  it('is one thread however many ask, gone once the last lets it go', async () => {
    const stopHandling = onStopRequest(() => {});
    try {
      const first = await watchForStopRequests();
      const second = await watchForStopRequests();
      await first();
      await first();
      expect(holdThroughSignal(10_000)).toBe(false);
      clearStopRequest();
      await second();
      expect(holdThroughSignal(100)).toBe(true);
    } finally {
      stopHandling();
    }
  });
});
