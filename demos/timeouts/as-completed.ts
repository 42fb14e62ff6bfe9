/**
 * asyncio's `as_completed` for promises: one promise per input, the first settling like whichever
 * input settles first, the second like the next, and so on. Awaiting them in turn handles each
 * outcome the moment it arrives, in finishing order rather than the order the work was started.
 * An outcome left unread (the loop stopped early) is not an unhandled rejection.
 *
 * @example
 * for (const next of asCompleted([slow(), fast()])) handle(await next); // fast's outcome first
 */
export function asCompleted<T>(promises: readonly Promise<T>[]): Promise<T>[] {
  const handOn: ((settled: Promise<T>) => void)[] = [];
  const outcomes = promises.map(() => new Promise<T>((resolve) => handOn.push(resolve)));
  let finished = 0;
  for (const promise of promises) {
    const settle = () => handOn[finished++]?.(promise);
    promise.then(settle, settle);
  }
  for (const outcome of outcomes) outcome.catch(() => {});
  return outcomes;
}
