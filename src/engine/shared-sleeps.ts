import type { DemoContext } from './demo.js';

type Wake = (value: void | PromiseLike<void>) => void;

/**
 * Many sleeps on few timers, for the demos that put a crowd to sleep (a million workers or
 * semaphore operations): each deadline is rounded up to the next slot (`slotsPerMs` to a
 * millisecond), and every sleep due in the same slot waits on one `ctx.sleep`, as Node's own timer
 * lists share one timer. A million sleepers then cost a million resolve functions rather than a
 * million timers; a sleep ends up to one slot late, never early. A stopped run resolves them with
 * a rejected promise, which rejects them.
 */
export class SharedSleeps {
  readonly #due = new Map<number, Wake[]>();

  constructor(
    private readonly ctx: DemoContext<unknown>,
    private readonly slotsPerMs = 1,
  ) {}

  /** Resolves after `ms` scenario milliseconds (times the scale); rejects when the run stops. */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => this.#add(ms, resolve));
  }

  #add(ms: number, wake: Wake): void {
    const now = this.ctx.now();
    // A whole number of slots, so that `slot / slotsPerMs` is exact for 1 and 10.
    const slot = Math.ceil((now + ms * this.ctx.scale) * this.slotsPerMs);
    const waiting = this.#due.get(slot);
    if (waiting) {
      waiting.push(wake);
      return;
    }
    const due = [wake];
    this.#due.set(slot, due);
    this.ctx.sleep((slot / this.slotsPerMs - now) / this.ctx.scale).then(
      () => {
        this.#due.delete(slot);
        for (const each of due) each();
      },
      (error: unknown) => {
        this.#due.delete(slot);
        const failed = rejected(error);
        for (const each of due) each(failed);
      },
    );
  }
}

/** A rejected promise, already handled: resolving a promise with it rejects that promise. */
export function rejected(error: unknown): Promise<never> {
  const failed = Promise.reject(error instanceof Error ? error : new Error(String(error)));
  failed.catch(() => {});
  return failed;
}
