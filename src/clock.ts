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
 * Node's timers can fire late by about 0.1% of their delay (the event loop's clock is coarser
 * than `performance.now()`), which would put a 3 s sleep 3 ms off its ideal, and a short one a
 * fraction of a millisecond early. So a sleep wakes a little before its deadline and sleeps what
 * is left until the deadline has really passed: it lands within about a millisecond, late.
 */
const PRECISE_BELOW_MS = 10;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const deadline = performance.now() + ms;
    const stopWatching = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(abortError(signal));
        })
      : () => {};
    const wake = () => {
      const left = deadline - performance.now();
      if (left > 0) {
        timer = setTimeout(wake, left > PRECISE_BELOW_MS ? left - 1 - left / 200 : left);
      } else {
        stopWatching();
        resolve();
      }
    };
    let timer = setTimeout(wake, ms > PRECISE_BELOW_MS ? ms - 1 - ms / 200 : ms);
  });
}

/**
 * The first timer and the first abort listener of a process cost about half a millisecond of
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
}
let warmedUp = false;

// Atomics.wait on a private buffer is a real sleep of the thread, not a busy loop.
const blocker = new Int32Array(new SharedArrayBuffer(4));

function block(ms: number): void {
  // Nobody ever notifies this buffer, so the wait always runs to its timeout.
  if (ms > 0) Atomics.wait(blocker, 0, 0, ms);
}
