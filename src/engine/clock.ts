import { abortError, onAbort } from './abort.js';

/**
 * Time as the demos see it. Every demo waits through a clock so that tests can swap real time for
 * vitest's fake timers: the globals are looked up at call time, when the fakes are installed.
 */
export interface Clock {
  /** Milliseconds on a monotonic clock (`performance.now()`). */
  now(): number;
  /** Waits without blocking the event loop; rejects with an AbortError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Blocks the whole thread: no timer, no I/O callback, nothing else runs meanwhile. */
  block(ms: number): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep,
  block,
};

/**
 * A Node timer fires on the event loop's millisecond clock: up to a millisecond off, and later by
 * about 0.1% of a long delay. Ten sleeps in a row would drift several milliseconds from the
 * theory the demos teach. So a sleep's timer wakes it a little early, and it spends the last
 * stretch checking the time once per turn of the event loop (setImmediate), which leaves the loop
 * free for everything else and lands within a few hundredths of a millisecond after the deadline.
 */
const POLL_WITHIN_MS = 2;

/** A timer's delay that wakes before `ms` is up, however late the timer fires. */
const early = (ms: number) => ms - POLL_WITHIN_MS - ms / 200;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!Number.isFinite(ms)) {
      reject(new RangeError(`a sleep lasts a finite number of milliseconds, received ${ms}`));
      return;
    }
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const deadline = performance.now() + ms;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setImmediate> | undefined;
    // When a timer finds the time unchanged since the last wake-up, the timers are fake (vitest's
    // move time only through timers, and round fractions down): the rest is one whole timer.
    let lastWake = performance.now();
    const stopWatching = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          clearImmediate(poll);
          reject(abortError(signal));
        })
      : () => {};
    const wake = () => {
      const now = performance.now();
      const left = deadline - now;
      if (left <= 0) {
        stopWatching();
        resolve();
        return;
      }
      const timeStoodStill = now === lastWake;
      lastWake = now;
      if (timeStoodStill) timer = setTimeout(wake, Math.ceil(left));
      else if (left > POLL_WITHIN_MS) timer = setTimeout(wake, early(left));
      else poll = setImmediate(wake);
    };
    // Never settled in the turn it was called in, even for 0 ms: a sleep yields to the event loop.
    if (ms > POLL_WITHIN_MS) timer = setTimeout(wake, early(ms));
    else poll = setImmediate(wake);
  });
}

/**
 * The first timer, immediate and abort listener of a process cost about half a millisecond of
 * lazy set-up in Node. Paid here, before a run's clock starts, it no longer delays the first task
 * of the first variant against the second.
 */
export function warmUpTimers(): void {
  if (warmedUp) return;
  warmedUp = true;
  clearTimeout(setTimeout(() => {}, 0));
  const controller = new AbortController();
  const signal = AbortSignal.any([controller.signal]);
  const listener = () => {};
  signal.addEventListener('abort', listener, { once: true });
  signal.removeEventListener('abort', listener);
  clearImmediate(setImmediate(() => {}));
}
let warmedUp = false;

// Atomics.wait on a private buffer is a real sleep of the thread, not a busy loop.
const blocker = new Int32Array(new SharedArrayBuffer(4));

function block(ms: number): void {
  // Nobody ever notifies this buffer, so the wait always runs to its timeout.
  if (ms > 0) Atomics.wait(blocker, 0, 0, ms);
}
