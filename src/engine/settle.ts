/**
 * Waits until every promise in `pending` has settled, including promises added meanwhile (work
 * that the pending work starts). Never rejects: the owners of the promises handle their outcomes.
 */
export async function settleAll(pending: ReadonlySet<Promise<unknown>>): Promise<void> {
  while (pending.size > 0) await Promise.allSettled(pending);
}
