/**
 * Abort handling shared by everything that waits (sleeps, semaphore and queue waiters).
 *
 * An EventTarget checks every listener it holds when one is added, so a listener per waiter on
 * one signal makes a million concurrent sleeps take minutes (and warns of a leak past ten). Here
 * each signal gets a single listener, however many waiters watch it.
 */
const watchers = new WeakMap<AbortSignal, { callbacks: Set<() => void>; fire: () => void }>();

/**
 * Calls `callback` once when `signal` aborts; returns a function that stops watching. The shared
 * listener goes with its last watcher, so a long-lived signal keeps nothing behind. A signal that
 * has already aborted will not fire again: the callback is then called in a microtask.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    let stopped = false;
    queueMicrotask(() => {
      if (!stopped) callback();
    });
    return () => {
      stopped = true;
    };
  }
  let watcher = watchers.get(signal);
  if (!watcher) {
    const callbacks = new Set<() => void>();
    const fire = () => {
      watchers.delete(signal);
      for (const call of callbacks) call();
    };
    watcher = { callbacks, fire };
    watchers.set(signal, watcher);
    signal.addEventListener('abort', fire, { once: true });
  }
  const { callbacks, fire } = watcher;
  callbacks.add(callback);
  return () => {
    callbacks.delete(callback);
    if (callbacks.size === 0 && watchers.get(signal)?.callbacks === callbacks) {
      watchers.delete(signal);
      signal.removeEventListener('abort', fire);
    }
  };
}

/** The signal's reason when it is an AbortError, otherwise a fresh one. */
export function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The operation was aborted', 'AbortError');
}
