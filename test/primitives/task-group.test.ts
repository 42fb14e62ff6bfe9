import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/engine/clock.js';
import { TaskGroup } from '../../src/primitives/task-group.js';

const sleep = (ms: number, signal?: AbortSignal) => systemClock.sleep(ms, signal);

/** Settles with what `promise` did, so that a test can inspect a rejection after the fact. */
function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

function errorName(result: { error?: unknown }): string | undefined {
  return result.error instanceof Error ? result.error.name : undefined;
}

describe('TaskGroup', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for every task and resolves when none failed', async () => {
    const group = new TaskGroup();
    const ended: number[] = [];
    const a = group.spawn(async (signal) => {
      await sleep(200, signal);
      ended.push(performance.now());
      return 'a';
    });
    const b = group.spawn(async (signal) => {
      await sleep(100, signal);
      ended.push(performance.now());
      return 'b';
    });
    const waited = outcome(group.wait());
    await vi.runAllTimersAsync();
    expect(await waited).toEqual({ value: undefined });
    expect(await a).toBe('a');
    expect(await b).toBe('b');
    expect(ended).toHaveLength(2);
    expect(group.signal.aborted).toBe(false);
  });

  it('aborts the siblings at the first failure and rejects with only the real error', async () => {
    const group = new TaskGroup();
    const start = performance.now();
    let siblingEndedAt = 0;
    const slow = outcome(
      group.spawn(async (signal) => {
        try {
          await sleep(3000, signal);
        } finally {
          siblingEndedAt = performance.now() - start;
        }
      }),
    );
    const failing = outcome(
      group.spawn(async (signal) => {
        await sleep(1000, signal);
        throw new Error('Task2 failed');
      }),
    );
    const waited = outcome(group.wait());
    await vi.runAllTimersAsync();

    expect(siblingEndedAt).toBe(1000);
    expect(errorName(await slow)).toBe('AbortError');
    expect((await failing).error).toEqual(new Error('Task2 failed'));
    const { error } = await waited;
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([new Error('Task2 failed')]);
    expect(group.signal.aborted).toBe(true);
  });

  it('collects every real error, also from tasks that ignore the signal', async () => {
    const group = new TaskGroup();
    for (const [name, ms] of [
      ['one', 100],
      ['two', 200],
    ] as const) {
      void group.spawn(async () => {
        await sleep(ms);
        throw new Error(`${name} failed`);
      });
    }
    const waited = outcome(group.wait());
    await vi.runAllTimersAsync();
    const { error } = await waited;
    expect((error as AggregateError).errors).toEqual([
      new Error('one failed'),
      new Error('two failed'),
    ]);
    expect((error as AggregateError).message).toBe('2 task(s) failed: one failed; two failed');
  });

  it('counts a synchronous throw as a failure', async () => {
    const group = new TaskGroup();
    const thrown = outcome(
      group.spawn(() => {
        throw new Error('at once');
      }),
    );
    expect((await thrown).error).toEqual(new Error('at once'));
    expect(group.signal.aborted).toBe(true);
    await expect(group.wait()).rejects.toBeInstanceOf(AggregateError);
  });

  it('is aborted by its parent signal, and wait rejects with an AbortError', async () => {
    const parent = new AbortController();
    const group = new TaskGroup(parent.signal);
    const task = outcome(group.spawn((signal) => sleep(1000, signal)));
    const waited = outcome(group.wait());
    setTimeout(() => parent.abort(), 300);
    await vi.runAllTimersAsync();
    expect(errorName(await task)).toBe('AbortError');
    expect(errorName(await waited)).toBe('AbortError');
    expect(group.signal.aborted).toBe(true);
  });

  it('is aborted with the reason of a parent that aborted with something other than an error', async () => {
    const parent = new AbortController();
    const group = new TaskGroup(parent.signal);
    const task = outcome(group.spawn((signal) => sleep(1000, signal)));
    const waited = outcome(group.wait());
    parent.abort('stop');
    await vi.runAllTimersAsync();
    expect(group.signal.reason).toBe('stop');
    expect(errorName(await task)).toBe('AbortError');
    expect(errorName(await waited)).toBe('AbortError');
  });

  it('watches its parent only while tasks run: wait(), the last task or a failure removes the listener', async () => {
    const parent = new AbortController();
    const listeners = () => getEventListeners(parent.signal, 'abort').length;
    const waitedFor = new TaskGroup(parent.signal);
    expect(listeners()).toBe(0);
    void waitedFor.spawn((signal) => sleep(100, signal));
    expect(listeners()).toBe(1);
    const waited = waitedFor.wait();
    await vi.runAllTimersAsync();
    await waited;
    expect(listeners()).toBe(0);

    // Never waited for: the listener goes with the last task.
    const forgotten = new TaskGroup(parent.signal);
    void forgotten.spawn((signal) => sleep(100, signal));
    void forgotten.spawn((signal) => sleep(200, signal));
    await vi.advanceTimersByTimeAsync(100);
    expect(listeners()).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(listeners()).toBe(0);

    // A failure aborts the group: the parent no longer matters to it, even with a task running.
    const failed = new TaskGroup(parent.signal);
    void failed.spawn(() => sleep(500));
    void failed.spawn(async () => {
      await sleep(100);
      throw new Error('boom');
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(failed.signal.aborted).toBe(true);
    expect(listeners()).toBe(0);
    await vi.runAllTimersAsync();
    await expect(failed.wait()).rejects.toBeInstanceOf(AggregateError);
  });

  it('notices a parent that aborted while no task ran', async () => {
    const parent = new AbortController();
    const group = new TaskGroup(parent.signal);
    parent.abort();
    expect(group.signal.aborted).toBe(true);
    const work = vi.fn(() => Promise.resolve(1));
    expect(errorName(await outcome(group.spawn(work)))).toBe('AbortError');
    expect(work).not.toHaveBeenCalled();
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
  });

  it('starts aborted under a parent that already aborted', async () => {
    const parent = new AbortController();
    parent.abort();
    const group = new TaskGroup(parent.signal);
    const work = vi.fn(() => Promise.resolve(1));
    const result = outcome(group.spawn(work));
    expect(errorName(await result)).toBe('AbortError');
    expect(work).not.toHaveBeenCalled();
    expect(errorName(await outcome(group.wait()))).toBe('AbortError');
  });

  it('does not start work spawned after a failure', async () => {
    const group = new TaskGroup();
    void group.spawn(async () => {
      await sleep(10);
      throw new Error('first');
    });
    await vi.runAllTimersAsync();
    expect(group.signal.aborted).toBe(true);
    const late = vi.fn(() => Promise.resolve('late'));
    const result = outcome(group.spawn(late));
    expect(late).not.toHaveBeenCalled();
    expect(errorName(await result)).toBe('AbortError');
    const { error } = await outcome(group.wait());
    expect((error as AggregateError).errors).toEqual([new Error('first')]);
  });

  it('waits for tasks spawned while it waits', async () => {
    const group = new TaskGroup();
    let innerDone = false;
    void group.spawn(async (signal) => {
      await sleep(100, signal);
      void group.spawn(async (inner) => {
        await sleep(100, inner);
        innerDone = true;
      });
    });
    const waited = group.wait().then(() => innerDone);
    await vi.runAllTimersAsync();
    expect(await waited).toBe(true);
  });

  it('leaves no unhandled rejection when spawned promises are ignored', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const group = new TaskGroup();
      void group.spawn(async () => {
        await sleep(100);
        throw new Error('ignored');
      });
      void group.spawn((signal) => sleep(1000, signal));
      const waited = outcome(group.wait());
      await vi.runAllTimersAsync();
      await waited;
      // Unhandled rejections are reported after a macrotask turn.
      vi.useRealTimers();
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
