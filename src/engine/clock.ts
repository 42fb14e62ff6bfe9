import { abortError, onAbort } from './abort.js';
import { DeadlineHeap, type Deadline } from './deadline-heap.js';
import { holdUnlessStopped } from './stop-request.js';

/**
 * Time as the demos see it. Every demo waits through a clock so that tests can swap real time for
 * vitest's fake timers: the globals are looked up at call time, when the fakes are installed.
 */
export interface Clock {
  /** Milliseconds on a monotonic clock (`performance.now()`). */
  now(): number;
  /** Waits without blocking the event loop; rejects with an AbortError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Blocks the whole thread: no timer, no I/O callback, nothing else runs meanwhile. Throws an
   * AbortError at once if the process is asked to stop (stop-request.ts) while it blocks.
   */
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
 * theory the demos teach. So the timer wakes a little early, and the last stretch is spent
 * checking the time once per turn of the event loop (setImmediate), which leaves the loop free
 * for everything else and lands within a few hundredths of a millisecond after the deadline.
 */
const POLL_WITHIN_MS = 2;

/** A timer's delay that wakes before `ms` is up, however late the timer fires. */
const early = (ms: number) => ms - POLL_WITHIN_MS - ms / 200;

/** One pending sleep. */
interface Sleeper extends Deadline {
  resolve(): void;
  /** True once resolved or aborted: the heap drops it when it reaches the top. */
  done: boolean;
  stopWatching(): void;
}

/**
 * Every pending sleep in one heap, woken by one timer armed for the earliest deadline: sleeps end
 * in deadline order, and equal deadlines in the order they were started, as asyncio's timer heap
 * and Node's own timer lists do. (A timer per sleep, each polling on its own, let two deadlines
 * that had both passed end in whichever order their polls were queued.)
 */
const sleepers = new DeadlineHeap<Sleeper>();
let started = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let poll: ReturnType<typeof setImmediate> | undefined;
/** The sleep the armed timer or poll is for, and the timer function it was armed with. */
let armedFor: Sleeper | undefined;
let armedWith: typeof setTimeout | undefined;
let lastWake = 0;

/**
 * Sleeps of one length started within this long of one another count as started together. Tasks
 * that start the same wait in the same instant of the scenario (Op1 and Op2 taking their permits)
 * begin their sleeps some hundredths of a millisecond apart, one microtask after another (over a
 * millisecond when the engine is cold or the machine busy); with
 * deadlines that far apart, a wake-up between them ended one before the other, or both at once,
 * as the moment had it, and the order of events changed from run to run. Sharing the start gives
 * them one deadline, ended together in the order they were started; the later ones end at most
 * this much early, and at most a twentieth of their length.
 */
const TOGETHER_MS = 2;
const startedTogether = new Map<number, number>();

function sleepStart(ms: number, now: number): number {
  const first = startedTogether.get(ms);
  // Never a share of the sleep itself: a wave of 2 ms sleeps begun as the last one ends is next.
  const window = Math.min(TOGETHER_MS, ms / 20);
  if (first !== undefined && now >= first && now - first <= window) return first;
  // Lengths seen once each (a thousand random durations) must not pile up.
  if (startedTogether.size >= 1024) startedTogether.clear();
  startedTogether.set(ms, now);
  return now;
}

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
    const sleeper: Sleeper = {
      deadline: sleepStart(ms, performance.now()) + Math.max(0, ms),
      order: started++,
      resolve,
      done: false,
      stopWatching: () => {},
    };
    if (signal) {
      sleeper.stopWatching = onAbort(signal, () => {
        sleeper.done = true;
        reject(abortError(signal));
        arm();
      });
    }
    sleepers.push(sleeper);
    arm();
  });
}

/** The earliest sleep still pending; ended ones are dropped on the way. */
function next(): Sleeper | undefined {
  let head = sleepers.peek();
  while (head?.done) {
    sleepers.pop();
    head = sleepers.peek();
  }
  return head;
}

/** Arms the timer for the earliest sleep, unless it is armed for it already. */
function arm(): void {
  const head = next();
  // Looked up at call time: vitest's fake timers replace the globals test by test.
  if (head === armedFor && armedWith === setTimeout) return;
  clearTimeout(timer);
  clearImmediate(poll);
  timer = poll = undefined;
  armedFor = head;
  armedWith = setTimeout;
  if (!head) return;
  lastWake = performance.now();
  schedule(head.deadline - lastWake);
}

function schedule(left: number): void {
  if (left > POLL_WITHIN_MS) timer = setTimeout(wake, early(left));
  else poll = setImmediate(wake);
}

/** Ends every sleep whose deadline has passed, in order, then waits for the next one. */
function wake(): void {
  timer = poll = undefined;
  const now = performance.now();
  for (let head = next(); head && head.deadline <= now; head = next()) {
    sleepers.pop();
    head.done = true;
    head.stopWatching();
    head.resolve();
  }
  const head = next();
  armedFor = head;
  if (!head) return;
  const left = head.deadline - now;
  // Time that stood still since the last wake-up means fake timers (vitest's move time only
  // through timers, and round fractions down): the rest is one whole timer.
  const timeStoodStill = now === lastWake;
  lastWake = now;
  if (timeStoodStill) timer = setTimeout(wake, Math.ceil(left));
  else schedule(left);
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

/**
 * Atomics.wait is a real sleep of the thread, not a busy loop. It waits on the stop request's slot:
 * a Ctrl-C heard by the watcher thread ends it early, with an AbortError (the task is cancelled).
 */
function block(ms: number): void {
  if (ms > 0 && !holdUnlessStopped(ms)) throw abortError(undefined);
}
