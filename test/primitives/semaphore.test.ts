import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Semaphore } from '../../src/primitives/semaphore.js';
import { flush } from '../support.js';

/** Lets every settled promise run its continuations. */

describe('Semaphore', () => {
  afterEach(() => vi.useRealTimers());

  it.each([0, -1, 1.5, Number.NaN, Infinity])('rejects %s permits, naming the value', (permits) => {
    expect(() => new Semaphore(permits)).toThrow(RangeError);
    expect(() => new Semaphore(permits)).toThrow(String(permits));
  });

  it('hands out permits until none is left, then makes callers wait', async () => {
    const semaphore = new Semaphore(2);
    await semaphore.acquire();
    await semaphore.acquire();
    expect(semaphore).toMatchObject({ available: 0, inUse: 2, waiting: 0 });
    let third = false;
    void semaphore.acquire().then(() => (third = true));
    await flush();
    expect(third).toBe(false);
    expect(semaphore.waiting).toBe(1);
    semaphore.release();
    await flush();
    expect(third).toBe(true);
    expect(semaphore).toMatchObject({ available: 0, inUse: 2, waiting: 0 });
  });

  it('serves waiters in the order they came, even against a newcomer', async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const order: string[] = [];
    const waiters = ['A', 'B', 'C'].map((name) => semaphore.acquire().then(() => order.push(name)));
    semaphore.release();
    // A newcomer arriving right after a release must not take the permit meant for A.
    const late = semaphore.acquire().then(() => order.push('late'));
    await flush();
    expect(order).toEqual(['A']);
    for (let i = 0; i < 3; i++) {
      semaphore.release();
      await flush();
    }
    await Promise.all([...waiters, late]);
    expect(order).toEqual(['A', 'B', 'C', 'late']);
  });

  it('rejects a waiter whose signal aborts, and gives its place to the next one', async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const controller = new AbortController();
    const aborted = semaphore.acquire(controller.signal);
    let nextGotIt = false;
    const next = semaphore.acquire().then(() => (nextGotIt = true));
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(semaphore.waiting).toBe(1);
    semaphore.release();
    await next;
    expect(nextGotIt).toBe(true);
    expect(semaphore).toMatchObject({ inUse: 1, waiting: 0 });
    semaphore.release();
    expect(semaphore).toMatchObject({ available: 1, inUse: 0 });
  });

  it('stops listening to the signal once the waiter holds its permit', async () => {
    const semaphore = new Semaphore(1);
    const controller = new AbortController();
    const listeners = () => getEventListeners(controller.signal, 'abort').length;
    await semaphore.acquire(controller.signal);
    // A permit free at once: nothing to wait for, so nothing listens.
    expect(listeners()).toBe(0);
    const waiting = semaphore.acquire(controller.signal);
    expect(listeners()).toBe(1);
    semaphore.release();
    expect(listeners()).toBe(0);
    await waiting;
    expect(semaphore).toMatchObject({ inUse: 1, waiting: 0 });
  });

  it("rejects with the signal's own AbortError", async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const controller = new AbortController();
    const reason = new DOMException('stopped by the user', 'AbortError');
    const waiting = semaphore.acquire(controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });

  it('rejects at once when the signal has already aborted, even with permits free', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.acquire(AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(semaphore).toMatchObject({ available: 1, inUse: 0, waiting: 0 });
  });

  it('throws when released more times than acquired', async () => {
    const semaphore = new Semaphore(2);
    expect(() => semaphore.release()).toThrow(/more times than acquired/);
    await semaphore.acquire();
    semaphore.release();
    expect(() => semaphore.release()).toThrow(/more times than acquired/);
  });

  it('use() releases the permit whether the work succeeds or fails', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.use(() => Promise.resolve(42))).resolves.toBe(42);
    await expect(semaphore.use(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(semaphore).toMatchObject({ available: 1, inUse: 0 });
  });

  it('use() does not run the work when the wait is aborted', async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const work = vi.fn(() => Promise.resolve());
    const controller = new AbortController();
    const using = semaphore.use(work, controller.signal);
    controller.abort();
    await expect(using).rejects.toMatchObject({ name: 'AbortError' });
    expect(work).not.toHaveBeenCalled();
    expect(semaphore.inUse).toBe(1);
  });

  it('use(): queued work runs in order, each after the release it waited for has returned', async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const ran: string[] = [];
    const second = semaphore.use(() => Promise.resolve(ran.push('second')));
    const third = semaphore.use(() => Promise.resolve(ran.push('third')));
    expect(semaphore.waiting).toBe(2);
    semaphore.release();
    // Handed over in a microtask, as an `await acquire()` would resume, not inside release().
    expect(ran).toEqual([]);
    expect(semaphore.inUse).toBe(1);
    await expect(Promise.all([second, third])).resolves.toEqual([1, 2]);
    expect(ran).toEqual(['second', 'third']);
    expect(semaphore).toMatchObject({ inUse: 0, waiting: 0 });
  });

  it('never lets more than its permits run at once, with many tasks on fake timers', async () => {
    vi.useFakeTimers();
    const semaphore = new Semaphore(3);
    let running = 0;
    let peak = 0;
    const finished: number[] = [];
    const tasks = Array.from({ length: 20 }, (_, i) =>
      semaphore.use(async () => {
        running++;
        peak = Math.max(peak, running);
        expect(running).toBeLessThanOrEqual(3);
        await new Promise((resolve) => setTimeout(resolve, 100 + ((i * 37) % 50)));
        running--;
        finished.push(i);
      }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(tasks);
    expect(peak).toBe(3);
    expect(finished.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(semaphore).toMatchObject({ available: 3, inUse: 0, waiting: 0 });
  });
});
