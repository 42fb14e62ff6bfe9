import { describe, expect, it } from 'vitest';
import { getEventListeners } from 'node:events';
import { WaitList } from '../../src/primitives/wait-list.js';
import { flush } from '../support.js';

describe('WaitList', () => {
  it('hands values to waiters first come, first served, with their payloads', async () => {
    const list = new WaitList<string, number>();
    const first = list.wait(1);
    const second = list.wait(2);
    expect(list.size).toBe(2);
    const a = list.shift();
    const b = list.shift();
    expect([a?.payload, b?.payload]).toEqual([1, 2]);
    b?.resolve('to second');
    a?.resolve('to first');
    expect(await Promise.all([first, second])).toEqual(['to first', 'to second']);
    expect(list.shift()).toBeUndefined();
  });

  it('removes an aborted waiter from the middle of the list', async () => {
    const list = new WaitList<void, string>();
    const controller = new AbortController();
    void list.wait('A');
    const aborted = list.wait('B', controller.signal);
    void list.wait('C');
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect([list.shift()?.payload, list.shift()?.payload, list.size]).toEqual(['A', 'C', 0]);
  });

  it('stops listening to the signal once the waiter is served', async () => {
    const list = new WaitList<string>();
    const controller = new AbortController();
    const waiting = list.wait(undefined, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    list.shift()?.resolve('served');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    await expect(waiting).resolves.toBe('served');
  });

  it('ignores an abort that comes after the waiter was resolved', async () => {
    const list = new WaitList<string>();
    const controller = new AbortController();
    const waiting = list.wait(undefined, controller.signal);
    list.shift()?.resolve('served');
    controller.abort();
    await expect(waiting).resolves.toBe('served');
  });

  it('rejects at once for a signal already aborted, and never joins the list', async () => {
    const list = new WaitList();
    await expect(list.wait(undefined, AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(list.size).toBe(0);
  });

  it('skips many aborted waiters in the middle and counts only live ones in size', async () => {
    const list = new WaitList<void, number>();
    const controller = new AbortController();
    void list.wait(0);
    const aborted = Array.from({ length: 10_000 }, (_, i) => list.wait(i + 1, controller.signal));
    void list.wait(-1);
    expect(list.size).toBe(10_002);
    controller.abort();
    expect(list.size).toBe(2);
    const results = await Promise.allSettled(aborted);
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect([list.shift()?.payload, list.shift()?.payload, list.shift(), list.size]).toEqual([
      0,
      -1,
      undefined,
      0,
    ]);
  });

  it('keeps first come, first served across compactions, with aborts before and after', async () => {
    const list = new WaitList<void, number>();
    const controllers: AbortController[] = [];
    const rejected = new Set<number>();
    for (let i = 0; i < 5_000; i++) {
      controllers.push(new AbortController());
      list.wait(i, controllers[i]?.signal).catch(() => rejected.add(i));
    }
    const abortEveryThird = (from: number, to: number) => {
      for (let i = from; i < to; i += 3) controllers[i]?.abort();
    };
    abortEveryThird(0, 2_500);
    const served: number[] = [];
    const serve = () => {
      const next = list.shift();
      next?.resolve();
      if (next) served.push(next.payload);
      return next;
    };
    // Far enough for the head to pass the middle of the list, so it is compacted.
    for (let i = 0; i < 3_000; i++) serve();
    abortEveryThird(1, 5_000); // those already served ignore it
    while (serve());
    await flush();
    expect(rejected.size).toBeGreaterThan(1_000);
    expect(served).toEqual([...controllers.keys()].filter((i) => !rejected.has(i)));
    expect(list.size).toBe(0);
  });

  it('does not count a waiter twice when its signal aborts after it was taken', () => {
    const list = new WaitList();
    const controller = new AbortController();
    list.wait(undefined, controller.signal).catch(() => {});
    void list.wait(undefined);
    const taken = list.shift();
    controller.abort();
    expect(taken).toBeDefined();
    expect(list.size).toBe(1);
  });
});
