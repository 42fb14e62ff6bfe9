import { constants } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { STOP_SIGNALS, stopRequestBuffer, stopRequestsHandled } from './stop-request.js';

/**
 * A thread that hears signals while the main thread is held by synchronous work, and writes the
 * stop request the held work checks between slices. Node delivers a signal to every event loop
 * that watches it, but lets only the main thread watch through `process.on`; a worker reaches
 * the same watcher through `process.binding('signal_wrap')`, which Node marks deprecated (its
 * warning is silenced here). Where that binding is gone, the thread fails to start and signals
 * are heard as before: once the synchronous work is done.
 */
const WATCHER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { buffer, signals } = workerData;
const request = new Int32Array(buffer);
process.noDeprecation = true;
const { Signal } = process.binding('signal_wrap');
for (const number of signals) {
  const handle = new Signal();
  handle.onsignal = () => {
    Atomics.compareExchange(request, 0, 0, number);
    Atomics.notify(request, 0);
  };
  const failed = handle.start(number);
  if (failed) throw new Error('cannot watch signal ' + number + ': error ' + failed);
}
parentPort.postMessage('watching');
`;

let watcher: Promise<Worker | undefined> | undefined;
let holders = 0;

/**
 * Starts the watcher thread (one for the process, however many ask) and resolves once it listens;
 * a demo's `prepare` calls it before a variant that holds the thread. Does nothing unless main.ts
 * handles stop requests. Resolves to the function that lets the thread go.
 */
export async function watchForStopRequests(): Promise<() => Promise<void>> {
  if (!stopRequestsHandled()) return () => Promise.resolve();
  holders += 1;
  watcher ??= startWatcher();
  await watcher;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders > 0 || !watcher) return;
    const stopping = watcher;
    watcher = undefined;
    await (await stopping)?.terminate();
  };
}

async function startWatcher(): Promise<Worker | undefined> {
  // Loaded here: only the demos that hold the thread need it.
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(WATCHER_SOURCE, {
    eval: true,
    workerData: {
      buffer: stopRequestBuffer,
      signals: STOP_SIGNALS.map((s) => constants.signals[s]),
    },
    // Whatever the thread might print (a warning) stays off the user's terminal.
    stdout: true,
    stderr: true,
  });
  // It never keeps the process alive.
  worker.unref();
  return new Promise((resolve) => {
    worker.once('message', () => resolve(worker));
    // No watcher, then: a signal waits for the synchronous work to end.
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
