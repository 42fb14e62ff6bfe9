import { abortError, onAbort } from '../engine/abort.js';
import { errorMessage, isAbortError } from '../engine/errors.js';
import { settleAll } from '../engine/settle.js';

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
  /** Set while tasks run: an idle, finished or aborted group leaves nothing on the parent. */
  #stopWatchingParent: (() => void) | undefined;

  constructor(parent?: AbortSignal) {
    this.#parent = parent;
    this.#followParent();
  }

  /** Aborted on the first failure in the group, or when the parent signal aborts. */
  get signal(): AbortSignal {
    this.#followParent();
    return this.#controller.signal;
  }

  /**
   * Starts `work` at once with the group's signal. The returned promise settles with the work;
   * the group has already handled a rejection, so leaving it unawaited is safe. Once the group is
   * aborted, new work does not start: the promise rejects with the abort reason.
   */
  spawn<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const task = this.signal.aborted
      ? Promise.reject<T>(abortError(this.signal))
      : start(work, this.signal);
    const tracked = task.then(
      () => undefined,
      (error: unknown) => this.#record(error),
    );
    this.#running.add(tracked);
    this.#watchParent();
    void tracked.finally(() => {
      this.#running.delete(tracked);
      if (this.#running.size === 0) this.#unwatchParent();
    });
    return task;
  }

  /**
   * Waits for every task, including tasks spawned meanwhile. Rejects with an AggregateError of
   * every real failure (cancellations caused by the group are not failures), or, when only the
   * parent aborted the group, with an AbortError: the parent's reason when that is an AbortError
   * (as `controller.abort()` makes), otherwise a fresh one, so that a caller can always tell a
   * cancellation from a failure by its name.
   */
  async wait(): Promise<void> {
    await settleAll(this.#running);
    this.#unwatchParent();
    if (this.#errors.length > 0) {
      const messages = this.#errors.map(errorMessage).join('; ');
      throw new AggregateError(this.#errors, `${this.#errors.length} task(s) failed: ${messages}`);
    }
    if (this.#parent?.aborted) throw abortError(this.#parent);
  }

  #record(error: unknown): void {
    if (this.#isCancellation(error)) return;
    this.#errors.push(error);
    this.#abort(new DOMException('a sibling task failed', 'AbortError'));
  }

  #isCancellation(error: unknown): boolean {
    return this.signal.aborted && (isAbortError(error) || error === this.signal.reason);
  }

  #abort(reason: unknown): void {
    this.#unwatchParent();
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  /** A parent that aborted while no task ran is noticed here, at the group's next use. */
  #followParent(): void {
    if (this.#parent?.aborted) this.#abort(this.#parent.reason);
  }

  #watchParent(): void {
    const parent = this.#parent;
    if (!parent || this.#stopWatchingParent || this.#controller.signal.aborted) return;
    this.#stopWatchingParent = onAbort(parent, () => this.#abort(parent.reason));
  }

  #unwatchParent(): void {
    this.#stopWatchingParent?.();
    this.#stopWatchingParent = undefined;
  }
}

/** Runs `work` now; a synchronous throw becomes a rejection like any other failure. */
async function start<T>(
  work: (signal: AbortSignal) => Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  return work(signal);
}
