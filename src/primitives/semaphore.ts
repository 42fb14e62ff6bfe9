import { WaitList } from './wait-list.js';

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
  readonly #waiters = new WaitList();

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
    if (!signal?.aborted && this.#inUse < this.#permits && this.#waiters.size === 0) {
      this.#inUse++;
      return Promise.resolve();
    }
    return this.#waiters.wait(undefined, signal);
  }

  release(): void {
    if (this.#inUse === 0) throw new Error('Semaphore released more times than acquired');
    const next = this.#waiters.shift();
    // The permit passes to the next waiter as it is, so `inUse` stays the same.
    if (next) next.resolve();
    else this.#inUse--;
  }

  /** Runs `work` while holding a permit, and releases it however `work` ends. */
  async use<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}
