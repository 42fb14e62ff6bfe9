import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { abortError, onAbort } from '../../src/engine/abort.js';

describe('onAbort', () => {
  it('holds one listener on the signal however many watch it, and calls each once', () => {
    const controller = new AbortController();
    const called: number[] = [];
    for (let i = 0; i < 50; i++) onAbort(controller.signal, () => called.push(i));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    controller.abort();
    expect(called).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('removes the listener with its last watcher, and a stopped watcher is not called', () => {
    const controller = new AbortController();
    const called: string[] = [];
    const stopA = onAbort(controller.signal, () => called.push('a'));
    const stopB = onAbort(controller.signal, () => called.push('b'));
    stopA();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    stopB();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    onAbort(controller.signal, () => called.push('c'));
    controller.abort();
    expect(called).toEqual(['c']);
  });

  it('calls back in a microtask for a signal that has already aborted, adding no listener', async () => {
    const controller = new AbortController();
    controller.abort();
    const called: string[] = [];
    onAbort(controller.signal, () => called.push('late'));
    const stop = onAbort(controller.signal, () => called.push('stopped'));
    stop();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(called).toEqual([]);
    await Promise.resolve();
    expect(called).toEqual(['late']);
  });
});

describe('abortError', () => {
  it("is the signal's reason when that is an AbortError, otherwise a fresh AbortError", () => {
    const plain = new AbortController();
    plain.abort();
    expect(abortError(plain.signal)).toBe(plain.signal.reason);
    const custom = new AbortController();
    custom.abort(new Error('stop'));
    expect(abortError(custom.signal).name).toBe('AbortError');
    expect(abortError(undefined).name).toBe('AbortError');
  });
});
