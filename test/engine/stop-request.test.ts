import { afterEach, describe, expect, it } from 'vitest';
import {
  clearStopRequest,
  holdUnlessStopped,
  onStopRequest,
  requestStop,
  stopRequested,
  throwIfStopRequested,
} from '../../src/engine/stop-request.js';
import { requestStopFromAnotherThread } from './stop-from-thread.js';

describe('stop requests', () => {
  afterEach(() => clearStopRequest());

  it('none at first; the first request wins, and whoever handles them is told', () => {
    const told: string[] = [];
    const stopHandling = onStopRequest((signal) => told.push(signal));
    try {
      expect(stopRequested()).toBeUndefined();
      expect(() => throwIfStopRequested()).not.toThrow();
      requestStop('SIGHUP');
      requestStop('SIGINT');
      expect(stopRequested()).toBe('SIGHUP');
      expect(told).toEqual(['SIGHUP']);
    } finally {
      stopHandling();
    }
  });

  it('between slices: an AbortError once a stop is requested or the run aborted', () => {
    const run = new AbortController();
    expect(() => throwIfStopRequested(run.signal)).not.toThrow();
    run.abort();
    expect(() => throwIfStopRequested(run.signal)).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
    expect(() => throwIfStopRequested()).not.toThrow();
    requestStop('SIGINT');
    expect(() => throwIfStopRequested()).toThrow(expect.objectContaining({ name: 'AbortError' }));
  });

  it('holds the thread for the whole time when nobody asks to stop', () => {
    const start = performance.now();
    expect(holdUnlessStopped(40)).toBe(true);
    expect(performance.now() - start).toBeGreaterThanOrEqual(39);
  });

  it('a request from another thread ends a hold at once; no timer ran meanwhile', async () => {
    const told: string[] = [];
    const stopHandling = onStopRequest((signal) => told.push(signal));
    const fired: string[] = [];
    const endThread = await requestStopFromAnotherThread(30, 'SIGTERM');
    try {
      setTimeout(() => fired.push('timer'), 0);
      const start = performance.now();
      const heldToTheEnd = holdUnlessStopped(10_000);
      // Generous: the request comes after 30 ms; a hold that missed it would last 10 s.
      expect(performance.now() - start).toBeLessThan(5000);
      expect(heldToTheEnd).toBe(false);
      expect(fired).toEqual([]);
      expect(told).toEqual(['SIGTERM']);
    } finally {
      stopHandling();
      await endThread();
    }
  });

  it('a hold begun after the request ends at once', () => {
    requestStop('SIGINT');
    expect(holdUnlessStopped(10_000)).toBe(false);
  });
});
