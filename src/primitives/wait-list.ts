import { abortError, onAbort } from '../engine/abort.js';
import { Fifo } from './fifo.js';

/** One caller waiting in a WaitList, with what it brought along (an item it wants to put, say). */
export interface Waiter<T, P> {
  readonly payload: P;
  /** Settles the caller's promise with `value`; its signal no longer matters after this. */
  resolve(value: T): void;
}

const ignore = () => {};

// A class rather than closures: a million waiters are a million of these, so each one is kept small.
class Entry<T, P> implements Waiter<T, P> {
  /** Off the list: served, or aborted and waiting to be skipped or swept out. */
  gone = false;
  stopWatching: () => void = ignore;
  readonly #settle: (value: T) => void;

  constructor(
    readonly payload: P,
    settle: (value: T) => void,
  ) {
    this.#settle = settle;
  }

  resolve(value: T): void {
    this.stopWatching();
    this.#settle(value);
  }
}

/**
 * Callers waiting their turn, first come first served. A caller whose signal aborts leaves the
 * list at once and its promise rejects with an AbortError, so nothing is handed to it later.
 */
export class WaitList<T = void, P = undefined> {
  // Removing an aborted waiter from the middle of an array would cost O(n), so it is only marked
  // and `shift` skips it. When marked entries outnumber live ones they are swept out in one pass,
  // so waiters that abort while nobody is served cannot pile up.
  readonly #entries = new Fifo<Entry<T, P>>();
  #live = 0;

  /** Callers still waiting (aborted ones not counted). */
  get size(): number {
    return this.#live;
  }

  wait(payload: P, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<T>((resolve, reject) => {
      const entry = new Entry<T, P>(payload, resolve);
      this.#entries.push(entry);
      this.#live++;
      if (signal) {
        entry.stopWatching = onAbort(signal, () => {
          this.#drop(entry);
          reject(abortError(signal));
        });
      }
    });
  }

  /** Takes the longest-waiting caller off the list; the caller of `shift` must resolve it. */
  shift(): Waiter<T, P> | undefined {
    for (let entry = this.#entries.shift(); entry; entry = this.#entries.shift()) {
      if (entry.gone) continue;
      entry.gone = true;
      this.#live--;
      return entry;
    }
    return undefined;
  }

  #drop(entry: Entry<T, P>): void {
    if (entry.gone) return;
    entry.gone = true;
    this.#live--;
    if (this.#entries.length > 2 * this.#live + 32) this.#entries.retain((e) => !e.gone);
  }
}
