import { Fifo } from './fifo.js';
import { WaitList } from './wait-list.js';

/** Handed to every caller that need not wait: one promise, not one per item. */
const DONE: Promise<void> = Promise.resolve();

/**
 * A first-in first-out queue that holds at most `capacity` items, like Python's asyncio.Queue:
 * `put` waits while it is full, `get` waits while it is empty, and `join` waits until every item
 * put has been marked done with `taskDone`. Waiting callers are served in the order they came, and
 * an item always passes straight from one side to the other, so an aborted wait loses nothing.
 *
 * @example
 * const queue = new BoundedQueue<string>(3);
 * await queue.put('job');         // waits while 3 items are queued
 * const job = await queue.get();  // waits while none is
 * queue.taskDone();
 */
export class BoundedQueue<T> {
  readonly capacity: number;
  readonly #items = new Fifo<T>();
  readonly #getters = new WaitList<T>();
  readonly #putters = new WaitList<void, T>();
  readonly #joiners = new WaitList();
  #unfinished = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a whole number of at least 1, received ${capacity}`);
    }
    this.capacity = capacity;
  }

  /** Items in the queue now (not counting those still waiting to be put). */
  get size(): number {
    return this.#items.length;
  }

  /** Items put and not yet marked done. */
  get unfinished(): number {
    return this.#unfinished;
  }

  /** Adds `item`, waiting while the queue is full; rejects with an AbortError if `signal` aborts first. */
  put(item: T, signal?: AbortSignal): Promise<void> {
    // A waiting putter is resolved only once `get` has moved its item into the queue.
    if (signal?.aborted || this.#items.length >= this.capacity) {
      return this.#putters.wait(item, signal);
    }
    this.#accept(item);
    return DONE;
  }

  /** Takes the oldest item, waiting while the queue is empty; rejects with an AbortError if `signal` aborts first. */
  get(signal?: AbortSignal): Promise<T> {
    if (signal?.aborted || this.#items.length === 0) return this.#getters.wait(undefined, signal);
    const item = this.#items.shift() as T; // not empty, checked above
    const putter = this.#putters.shift();
    if (putter) {
      this.#accept(putter.payload);
      putter.resolve();
    }
    return Promise.resolve(item);
  }

  /** Marks one item taken with `get` as fully handled. */
  taskDone(): void {
    if (this.#unfinished === 0) throw new Error('taskDone() called more times than items were put');
    this.#unfinished--;
    if (this.#unfinished === 0) {
      for (let joiner = this.#joiners.shift(); joiner; joiner = this.#joiners.shift()) {
        joiner.resolve();
      }
    }
  }

  /** Resolves when every item put so far has been marked done. */
  join(signal?: AbortSignal): Promise<void> {
    if (this.#unfinished === 0 && !signal?.aborted) return DONE;
    return this.#joiners.wait(undefined, signal);
  }

  /** Into the hands of the longest-waiting getter if there is one, else onto the queue. */
  #accept(item: T): void {
    this.#unfinished++;
    const getter = this.#getters.shift();
    if (getter) getter.resolve(item);
    else this.#items.push(item);
  }
}
