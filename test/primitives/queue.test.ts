import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BoundedQueue } from '../../src/primitives/queue.js';
import { flush } from '../support.js';

/** Lets every settled promise run its continuations. */

/** Tracks whether a promise has settled yet, without awaiting it. */
function track<T>(promise: Promise<T>) {
  const state = { settled: false, value: undefined as T | undefined };
  void promise.then((value) => {
    state.settled = true;
    state.value = value;
  });
  return state;
}

describe('BoundedQueue', () => {
  afterEach(() => vi.useRealTimers());

  it.each([0, -2, 2.5, Number.NaN])('rejects a capacity of %s, naming the value', (capacity) => {
    expect(() => new BoundedQueue(capacity)).toThrow(RangeError);
    expect(() => new BoundedQueue(capacity)).toThrow(String(capacity));
  });

  it('gives items back first in, first out', async () => {
    const queue = new BoundedQueue<string>(3);
    await queue.put('a');
    await queue.put('b');
    expect(queue.size).toBe(2);
    expect(queue.capacity).toBe(3);
    expect(await queue.get()).toBe('a');
    expect(await queue.get()).toBe('b');
    expect(queue.size).toBe(0);
  });

  it('makes put wait while the queue is full, and lets it in when an item is taken', async () => {
    const queue = new BoundedQueue<number>(2);
    await queue.put(1);
    await queue.put(2);
    const third = track(queue.put(3));
    await flush();
    expect(third.settled).toBe(false);
    expect(queue.size).toBe(2);
    expect(await queue.get()).toBe(1);
    await flush();
    expect(third.settled).toBe(true);
    expect(queue.size).toBe(2);
    expect([await queue.get(), await queue.get()]).toEqual([2, 3]);
  });

  it('makes get wait while the queue is empty, serving getters in order', async () => {
    const queue = new BoundedQueue<string>(1);
    const first = track(queue.get());
    const second = track(queue.get());
    await flush();
    expect(first.settled).toBe(false);
    await queue.put('x');
    await queue.put('y');
    await flush();
    expect(first.value).toBe('x');
    expect(second.value).toBe('y');
    expect(queue.size).toBe(0);
  });

  it('keeps waiting putters in order, ahead of a newcomer', async () => {
    const queue = new BoundedQueue<string>(1);
    await queue.put('first');
    void queue.put('A');
    void queue.put('B');
    const taken = [await queue.get()];
    // 'A' took the free place already; a newcomer queues behind 'B'.
    void queue.put('late');
    for (let i = 0; i < 3; i++) taken.push(await queue.get());
    expect(taken).toEqual(['first', 'A', 'B', 'late']);
  });

  it('drops an aborted putter and its item without taking a place', async () => {
    const queue = new BoundedQueue<string>(1);
    await queue.put('kept');
    const controller = new AbortController();
    const aborted = queue.put('dropped', controller.signal);
    const next = queue.put('next');
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(await queue.get()).toBe('kept');
    await next;
    expect(await queue.get()).toBe('next');
    expect(queue.size).toBe(0);
    expect(queue.unfinished).toBe(2);
  });

  it('drops an aborted getter without losing the item meant for the next one', async () => {
    const queue = new BoundedQueue<string>(2);
    const controller = new AbortController();
    const aborted = queue.get(controller.signal);
    const next = queue.get();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    await queue.put('item');
    expect(await next).toBe('item');
  });

  it('stops listening to the signal once a waiting get, put or join is served', async () => {
    const queue = new BoundedQueue<string>(1);
    const controller = new AbortController();
    const listeners = () => getEventListeners(controller.signal, 'abort').length;

    const getting = queue.get(controller.signal);
    expect(listeners()).toBe(1);
    await queue.put('handed over');
    expect(listeners()).toBe(0);
    expect(await getting).toBe('handed over');

    await queue.put('fills the queue');
    const putting = queue.put('waits for a place', controller.signal);
    expect(listeners()).toBe(1);
    expect(await queue.get()).toBe('fills the queue');
    expect(listeners()).toBe(0);
    await putting;

    expect(await queue.get()).toBe('waits for a place');
    queue.taskDone();
    queue.taskDone();
    const joining = queue.join(controller.signal);
    expect(listeners()).toBe(1);
    queue.taskDone();
    expect(listeners()).toBe(0);
    await joining;
  });

  it('rejects at once when the signal has already aborted', async () => {
    const queue = new BoundedQueue<string>(2);
    await queue.put('there');
    await expect(queue.put('x', AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    await expect(queue.get(AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(queue.size).toBe(1);
  });

  it('join resolves once every item put has been marked done', async () => {
    const queue = new BoundedQueue<number>(3);
    await expect(queue.join()).resolves.toBeUndefined();
    await queue.put(1);
    await queue.put(2);
    const joined = track(queue.join());
    await queue.get();
    await queue.get();
    queue.taskDone();
    await flush();
    expect(joined.settled).toBe(false);
    queue.taskDone();
    await flush();
    expect(joined.settled).toBe(true);
  });

  it('throws when taskDone is called more times than items were put', async () => {
    const queue = new BoundedQueue<number>(1);
    expect(() => queue.taskDone()).toThrow(/more times than items/);
    await queue.put(1);
    await queue.get();
    queue.taskDone();
    expect(() => queue.taskDone()).toThrow(/more times than items/);
  });

  it('passes every item exactly once between many producers and consumers on fake timers', async () => {
    vi.useFakeTimers();
    const queue = new BoundedQueue<string>(2);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const consumed: string[] = [];
    let peak = 0;
    const producers = [0, 1, 2].map(async (p) => {
      for (let n = 0; n < 10; n++) {
        await sleep(10 + ((p * 7 + n * 3) % 11));
        await queue.put(`${p}-${n}`);
        peak = Math.max(peak, queue.size);
      }
    });
    const stop = new AbortController();
    const consumers = Promise.allSettled(
      [0, 1].map(async (c) => {
        for (;;) {
          const item = await queue.get(stop.signal);
          await sleep(15 + c * 10);
          consumed.push(item);
          queue.taskDone();
        }
      }),
    );
    const done = Promise.all(producers)
      .then(() => queue.join())
      .then(() => stop.abort());
    await vi.runAllTimersAsync();
    await done;
    for (const outcome of await consumers) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    }
    expect(consumed).toHaveLength(30);
    expect(new Set(consumed).size).toBe(30);
    expect(peak).toBeLessThanOrEqual(2);
    expect(queue.size).toBe(0);
  });
});
