import { formatScaled } from '../../src/engine/format.js';

/** The part of a DemoContext a timeout needs: its clock, and the run's own signal. */
export interface TimeoutClock {
  readonly scale: number;
  readonly signal: AbortSignal;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * asyncio's `wait_for`: runs `work` with a signal that aborts once `ms` scenario milliseconds have
 * passed, and rejects then with a TimeoutError, whatever `work` rejected with. The timer is the
 * clock's sleep, not `AbortSignal.timeout`, so that fake timers control it, and it is cleared as
 * soon as `work` ends. Work started before the timer is armed: ending right at the deadline is in
 * time.
 */
export async function withTimeout<T>(
  clock: TimeoutClock,
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = new AbortController();
  const ended = new AbortController();
  const working = work(deadline.signal);
  const timer = clock.sleep(ms, ended.signal).then(
    () => deadline.abort(timeoutError(clock, ms)),
    () => {}, // the work ended first, or the run was stopped
  );
  try {
    return await working;
  } catch (error) {
    if (deadline.signal.aborted && !clock.signal.aborted) throw deadline.signal.reason;
    throw error;
  } finally {
    ended.abort();
    await timer;
  }
}

function timeoutError(clock: TimeoutClock, ms: number): DOMException {
  return new DOMException(`timed out after ${formatScaled(ms, clock.scale)}`, 'TimeoutError');
}

/** True for the rejection of `withTimeout` (and of `AbortSignal.timeout`) when time ran out. */
export function isTimeoutError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'TimeoutError';
}
