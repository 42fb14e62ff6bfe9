import { WaitList } from './wait-list.js';

/** Handed to every caller that gets a permit at once: one promise, not one per call. */
const HELD: Promise<void> = Promise.resolve();

/**
 * A counting semaphore: at most `permits` holders at once, the others wait in line (first come,
 * first served). A released permit goes straight to the next waiter, so no newcomer can jump in.
 *
 * @example
 * const limit = new Semaphore(2);
 * await Promise.all(urls.map((url) => limit.use(() => fetch(url))));
 */
export class Semaphore {
  readonly #permits: number;
  #inUse = 0;
  /** A waiter of `use` brings its work along: it runs once the permit is handed over. */
  readonly #waiters = new WaitList<unknown, (() => Promise<unknown>) | undefined>();

  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 1) {
      throw new RangeError(`permits must be a whole number of at least 1, received ${permits}`);
    }
    this.#permits = permits;
  }

  /** Permits free right now. */
  get available(): number {
    return this.#permits - this.#inUse;
  }

  get inUse(): number {
    return this.#inUse;
  }

  /** Callers waiting for a permit. */
  get waiting(): number {
    return this.#waiters.size;
  }

  /** Resolves once a permit is held; rejects with an AbortError if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (this.#takeFree(signal)) return HELD;
    return this.#waiters.wait(undefined, signal) as Promise<void>;
  }

  release(): void {
    if (this.#inUse === 0) throw new Error('Semaphore released more times than acquired');
    const next = this.#waiters.shift();
    // The permit passes to the next waiter as it is, so `inUse` stays the same.
    if (!next) this.#inUse--;
    else if (next.payload) {
      const work = next.payload;
      // In a microtask, as an `await acquire()` would resume: not inside the releaser's call.
      queueMicrotask(() => next.resolve(this.#holding(work)));
    } else next.resolve(undefined);
  }

  /**
   * Runs `work` while holding a permit, and releases it however `work` ends. A caller waiting
   * for its permit is one entry in the line, not a suspended async function as well.
   */
  use<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.#takeFree(signal)) return this.#holding(work);
    return this.#waiters.wait(work, signal) as Promise<T>;
  }

  /** Takes a permit if one is free and nobody is in line before the caller. */
  #takeFree(signal: AbortSignal | undefined): boolean {
    if (signal?.aborted || this.#inUse >= this.#permits || this.#waiters.size > 0) return false;
    this.#inUse++;
    return true;
  }

  async #holding<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}
