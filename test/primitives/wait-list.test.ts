import { describe, expect, it } from 'vitest';
import { getEventListeners } from 'node:events';
import { WaitList } from '../../src/primitives/wait-list.js';

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
});
