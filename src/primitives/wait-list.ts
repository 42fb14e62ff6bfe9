import { abortError, onAbort } from '../engine/abort.js';

/** One caller waiting in a WaitList, with what it brought along (an item it wants to put, say). */
export interface Waiter<T, P> {
  readonly payload: P;
  /** Settles the caller's promise with `value`; its signal no longer matters after this. */
  resolve(value: T): void;
}

/**
 * Callers waiting their turn, first come first served. A caller whose signal aborts leaves the
 * list at once and its promise rejects with an AbortError, so nothing is handed to it later.
 */
export class WaitList<T = void, P = undefined> {
  // A Set keeps insertion order and lets an aborted waiter leave from the middle cheaply.
  readonly #waiters = new Set<Waiter<T, P>>();

  get size(): number {
    return this.#waiters.size;
  }

  wait(payload: P, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T, P> = {
        payload,
        resolve: (value) => {
          stopWatching();
          resolve(value);
        },
      };
      this.#waiters.add(waiter);
      const stopWatching = signal
        ? onAbort(signal, () => {
            this.#waiters.delete(waiter);
            reject(abortError(signal));
          })
        : () => {};
    });
  }

  /** Takes the longest-waiting caller off the list; the caller of `shift` must resolve it. */
  shift(): Waiter<T, P> | undefined {
    const first = this.#waiters.values().next();
    if (first.done) return undefined;
    this.#waiters.delete(first.value);
    return first.value;
  }
}
