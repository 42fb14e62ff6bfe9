/**
 * The one place that knows what must be undone before the process ends (a temporary file, a
 * child process): each entry is synchronous, so that it still runs from `process.on('exit')` when
 * a second Ctrl-C, a closed pipe (EPIPE) or an error ends the process without unwinding.
 * The normal path undoes things itself and unregisters them; this is the net beneath it.
 */
const pending = new Set<() => void>();

/** Registers `undo`; the function returned unregisters it (call it once the thing is undone). */
export function registerCleanup(undo: () => void): () => void {
  pending.add(undo);
  return () => pending.delete(undo);
}

/** Runs and forgets every pending undo; one that fails does not stop the others. */
export function runPendingCleanups(): void {
  for (const undo of [...pending]) {
    pending.delete(undo);
    try {
      undo();
    } catch {
      // Nothing more can be done on the way out.
    }
  }
}

/** How many undos are pending: for tests. */
export function pendingCleanups(): number {
  return pending.size;
}
