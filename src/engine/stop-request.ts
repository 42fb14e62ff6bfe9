import { constants } from 'node:os';
import { abortError } from './abort.js';

/**
 * A request to stop (Ctrl-C, SIGTERM, SIGHUP) that synchronous work can see. Node hands a signal
 * to JavaScript only when the main thread's event loop turns, so a CPU loop, a blocking sleep or a
 * synchronous read never hears of it. Here the request is a number in shared memory: main.ts's
 * listeners write it, and so does a watcher thread (stop-watcher.ts) that hears the signal while
 * this thread is held. Synchronous work reads it between slices, without yielding to the event
 * loop: what it blocks stays blocked, and the loop's delay stays what it was.
 */
const shared = new Int32Array(new SharedArrayBuffer(4));
/** The slot holding the number of the signal that asked to stop; 0 while none has. */
const SIGNAL_SLOT = 0;

/** The buffer the watcher thread writes to (and tests, from a thread of their own). */
export const stopRequestBuffer = shared.buffer;

/** The signals that ask the process to stop; main.ts gives each its exit code. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

let honour: ((signal: NodeJS.Signals) => void) | undefined;

/**
 * Called by main.ts: `stop` is what a signal does (abort the run, remember the exit code). Work
 * that sees a request calls it, before the signal's main-thread listener has had a chance to; it
 * may be called more than once. Returns the function that stops handling requests.
 */
export function onStopRequest(stop: (signal: NodeJS.Signals) => void): () => void {
  honour = stop;
  return () => {
    if (honour === stop) honour = undefined;
  };
}

/** True once main.ts handles stop requests: only then is a watcher thread worth starting. */
export function stopRequestsHandled(): boolean {
  return honour !== undefined;
}

/** Records a request (the first one wins) and wakes a thread held by `holdUnlessStopped`. */
export function requestStop(signal: NodeJS.Signals): void {
  Atomics.compareExchange(shared, SIGNAL_SLOT, 0, constants.signals[signal]);
  Atomics.notify(shared, SIGNAL_SLOT);
}

/** The signal that asked to stop, once one has; it is honoured (main.ts told) on the way. */
export function stopRequested(): NodeJS.Signals | undefined {
  const number = Atomics.load(shared, SIGNAL_SLOT);
  if (number === 0) return undefined;
  const signal = signalNamed(number);
  honour?.(signal);
  return signal;
}

/**
 * Holds the thread for `ms`, as a blocking call does (no timer, no I/O callback runs), unless a
 * stop is requested meanwhile: the wait is on the request's own slot, so it ends the moment one
 * is written. True when the whole time was spent.
 */
export function holdUnlessStopped(ms: number): boolean {
  const deadline = performance.now() + ms;
  for (let left = ms; left > 0; left = deadline - performance.now()) {
    if (Atomics.wait(shared, SIGNAL_SLOT, 0, left) === 'timed-out') return true;
    if (stopRequested()) return false;
  }
  return true;
}

/**
 * Between two slices of synchronous work: throws an AbortError if a stop was requested, or if
 * `signal` has aborted (the run stopped while the slices waited their turn).
 */
export function throwIfStopRequested(signal?: AbortSignal): void {
  if (stopRequested() !== undefined || signal?.aborted) throw abortError(signal);
}

/** Forgets the request: for tests, which share one process. */
export function clearStopRequest(): void {
  Atomics.store(shared, SIGNAL_SLOT, 0);
}

function signalNamed(number: number): NodeJS.Signals {
  const entry = Object.entries(constants.signals).find(([, value]) => value === number);
  return (entry?.[0] ?? 'SIGINT') as NodeJS.Signals;
}
