import { abortError, onAbort } from '../engine/abort.js';
import { Fifo } from './fifo.js';

/** One caller waiting in a WaitList, with what it brought along (an item it wants to put, say). */
export interface Waiter<T, P> {
  readonly payload: P;
  /** Settles the caller's promise with `value`; its signal no longer matters after this. */
  resolve(value: T): void;
}

// A class rather than closures: a million waiters are a million of these, so each one is kept small.
class Entry<T, P> implements Waiter<T, P> {
  /** Off the list: served, or aborted and waiting to be skipped or swept out. */
  gone = false;

  constructor(
    readonly payload: P,
    readonly signal: AbortSignal | undefined,
    readonly resolve: (value: T) => void,
    /** Kept only with a signal, the one thing that can reject: a million waiters, 60 MB less. */
    readonly reject: ((error: Error) => void) | undefined,
  ) {}
}

/**
 * Callers waiting their turn, first come first served. A caller whose signal aborts leaves the
 * list at once and its promise rejects with an AbortError, so nothing is handed to it later.
 * Serving a caller and dropping an aborted one are both O(1).
 */
export class WaitList<T = void, P = undefined> {
  // Removing an aborted waiter from the middle of an array would cost O(n), so it is only marked
  // and `shift` skips it. When marked entries outnumber live ones they are swept out in one pass,
  // so waiters that abort while nobody is served cannot pile up.
  readonly #entries = new Fifo<Entry<T, P>>();
  #live = 0;
  // One abort listener per signal, however many callers wait with it (a whole run's waiters
  // usually share one): a closure and a listener each would triple what a waiter costs.
  readonly #bySignal = new Map<AbortSignal, { waiters: Set<Entry<T, P>>; stop: () => void }>();

  /** Callers still waiting (aborted ones not counted). */
  get size(): number {
    return this.#live;
  }

  wait(payload: P, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<T>((resolve, reject) => {
      const entry = new Entry<T, P>(payload, signal, resolve, signal && reject);
      this.#entries.push(entry);
      this.#live++;
      if (signal) this.#watch(entry, signal);
    });
  }

  /** Takes the longest-waiting caller off the list; the caller of `shift` must resolve it. */
  shift(): Waiter<T, P> | undefined {
    for (let entry = this.#entries.shift(); entry; entry = this.#entries.shift()) {
      if (entry.gone) continue;
      this.#leave(entry);
      return entry;
    }
    return undefined;
  }

  #watch(entry: Entry<T, P>, signal: AbortSignal): void {
    let watch = this.#bySignal.get(signal);
    if (!watch) {
      const waiters = new Set<Entry<T, P>>();
      watch = { waiters, stop: onAbort(signal, () => this.#abort(signal, waiters)) };
      this.#bySignal.set(signal, watch);
    }
    watch.waiters.add(entry);
  }

  /** A served waiter no longer watches its signal; the last one to go stops listening. */
  #leave(entry: Entry<T, P>): void {
    entry.gone = true;
    this.#live--;
    const { signal } = entry;
    const watch = signal && this.#bySignal.get(signal);
    if (!watch) return;
    watch.waiters.delete(entry);
    if (watch.waiters.size > 0) return;
    watch.stop();
    this.#bySignal.delete(signal);
  }

  /** Every caller still waiting with `signal` leaves, in the order they came. */
  #abort(signal: AbortSignal, waiters: Set<Entry<T, P>>): void {
    this.#bySignal.delete(signal);
    const error = abortError(signal);
    for (const entry of waiters) {
      entry.gone = true;
      this.#live--;
      entry.reject?.(error);
    }
    if (this.#entries.length > 2 * this.#live + 32) this.#entries.retain((e) => !e.gone);
  }
}
