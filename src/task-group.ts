import { abortError } from './abort.js';
import { errorMessage, isAbortError } from './errors.js';

/**
 * Structured concurrency in a few lines: tasks spawned into a group share one AbortSignal, the
 * first task that fails aborts its siblings, and `wait()` returns only when every task has ended.
 *
 * @example
 * const group = new TaskGroup(parentSignal);
 * const a = group.spawn((signal) => download('a', signal));
 * const b = group.spawn((signal) => download('b', signal));
 * await group.wait(); // rejects with an AggregateError if either failed
 */
export class TaskGroup {
  readonly #controller = new AbortController();
  readonly #running = new Set<Promise<unknown>>();
  readonly #errors: unknown[] = [];
  readonly #parent: AbortSignal | undefined;
  readonly #onParentAbort = () => {
    this.#controller.abort(this.#parent?.reason);
  };

  constructor(parent?: AbortSignal) {
    this.#parent = parent;
    if (parent?.aborted) this.#onParentAbort();
    else parent?.addEventListener('abort', this.#onParentAbort, { once: true });
  }

  /** Aborted on the first failure in the group, or when the parent signal aborts. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * Starts `work` at once with the group's signal. The returned promise settles with the work;
   * the group has already handled a rejection, so leaving it unawaited is safe. Once the group is
   * aborted, new work does not start: the promise rejects with the abort reason.
   */
  spawn<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const task = this.signal.aborted
      ? Promise.reject<T>(this.#abortReason())
      : start(work, this.signal);
    const tracked = task.then(
      () => undefined,
      (error: unknown) => this.#record(error),
    );
    this.#running.add(tracked);
    void tracked.finally(() => this.#running.delete(tracked));
    return task;
  }

  /**
   * Waits for every task, including tasks spawned meanwhile. Rejects with an AggregateError of
   * every real failure (cancellations caused by the group are not failures), or, when only the
   * parent aborted the group, with the parent's abort reason.
   */
  async wait(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled(this.#running);
    this.#parent?.removeEventListener('abort', this.#onParentAbort);
    if (this.#errors.length > 0) {
      const messages = this.#errors.map(errorMessage).join('; ');
      throw new AggregateError(this.#errors, `${this.#errors.length} task(s) failed: ${messages}`);
    }
    if (this.#parent?.aborted) throw this.#abortReason();
  }

  #record(error: unknown): void {
    if (this.#isCancellation(error)) return;
    this.#errors.push(error);
    if (!this.signal.aborted) {
      this.#controller.abort(new DOMException('a sibling task failed', 'AbortError'));
    }
  }

  #isCancellation(error: unknown): boolean {
    return this.signal.aborted && (isAbortError(error) || error === this.signal.reason);
  }

  #abortReason(): Error {
    return abortError(this.signal);
  }
}

/** Runs `work` now; a synchronous throw becomes a rejection like any other failure. */
async function start<T>(
  work: (signal: AbortSignal) => Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  return work(signal);
}
