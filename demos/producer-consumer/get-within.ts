import { isAbortError } from '../../src/engine/errors.js';
import type { BoundedQueue } from '../../src/primitives/queue.js';

/** The part of a DemoContext a timed get needs: its clock, and the run's own signal. */
export interface WaitClock {
  readonly signal: AbortSignal;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * `queue.get`, giving up after `ms` scenario milliseconds without an item: undefined then. The
 * limit is the clock's sleep and an AbortController, not `AbortSignal.timeout`, so that fake
 * timers control it. The queue hands an item to a waiting getter or to nobody, so an item that
 * arrives as the limit runs out is either returned or left queued for another consumer.
 */
export async function getWithin<T>(
  clock: WaitClock,
  queue: BoundedQueue<T>,
  ms: number,
): Promise<T | undefined> {
  const limit = new AbortController();
  const got = new AbortController();
  const timer = clock.sleep(ms, got.signal).then(
    () => limit.abort(),
    () => {}, // an item came first, or the run was stopped
  );
  try {
    return await queue.get(AbortSignal.any([clock.signal, limit.signal]));
  } catch (error) {
    if (isAbortError(error) && limit.signal.aborted && !clock.signal.aborted) return undefined;
    throw error;
  } finally {
    got.abort();
    await timer;
  }
}
