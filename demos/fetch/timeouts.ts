import type { DemoContext } from '../../src/engine/demo.js';

/** One request's timeout: `cancel` once the request has ended. */
export interface Timeout {
  cancel(): void;
}

interface Entry extends Timeout {
  deadline: number;
  onTimeout: () => void;
  cancelled: boolean;
}

/**
 * The timeouts of one run's requests. Each request gets the same timeout, so deadlines come in
 * the order the requests were sent: a queue holds them, and one sleep at a time waits for the
 * earliest. A timer and an abort signal per request cost about as much as the request itself.
 */
export class Timeouts {
  readonly #ctx: DemoContext<unknown>;
  readonly #ms: number;
  #queue: Entry[] = [];
  #head = 0;
  #sleeping = false;
  readonly #stopped = new AbortController();

  /** `ms` is real milliseconds, as the context's `now()` counts them. */
  constructor(ctx: DemoContext<unknown>, ms: number) {
    this.#ctx = ctx;
    this.#ms = ms;
  }

  /** Calls `onTimeout` once the timeout has passed from now, unless cancelled first. */
  start(onTimeout: () => void): Timeout {
    const entry: Entry = {
      deadline: this.#ctx.now() + this.#ms,
      onTimeout,
      cancelled: false,
      cancel: () => (entry.cancelled = true),
    };
    this.#queue.push(entry);
    if (!this.#sleeping) this.#arm();
    return entry;
  }

  /** Ends the pending sleep: nothing is left on the clock once the run is over. */
  stop(): void {
    this.#stopped.abort();
    this.#queue = [];
    this.#head = 0;
  }

  #arm(): void {
    while (this.#queue[this.#head]?.cancelled) this.#head++;
    this.#compact();
    const first = this.#queue[this.#head];
    this.#sleeping = first !== undefined && !this.#stopped.signal.aborted;
    if (!first || !this.#sleeping) return;
    // The context's sleep takes unscaled milliseconds.
    const waitMs = (first.deadline - this.#ctx.now()) / this.#ctx.scale;
    this.#ctx.sleep(waitMs, this.#stopped.signal).then(
      () => this.#expire(),
      () => {}, // stopped
    );
  }

  #expire(): void {
    const now = this.#ctx.now();
    for (let entry = this.#queue[this.#head]; entry && entry.deadline <= now;) {
      this.#head++;
      if (!entry.cancelled) entry.onTimeout();
      entry = this.#queue[this.#head];
    }
    this.#arm();
  }

  /** Drops the entries already passed once they are most of the array. */
  #compact(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }
}
