import { constants } from 'node:os';
import { Worker } from 'node:worker_threads';
import { stopRequestBuffer } from '../../src/engine/stop-request.js';

/**
 * A thread that writes a stop request after `ms`, as the watcher thread does when it hears a
 * signal: what this thread holds meanwhile (a blocking sleep, a CPU loop) can see it. Resolves
 * once the thread runs, with the function that ends it.
 */
export async function requestStopFromAnotherThread(
  ms: number,
  signal: NodeJS.Signals = 'SIGINT',
): Promise<() => Promise<void>> {
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const request = new Int32Array(workerData.buffer);
     setTimeout(() => {
       Atomics.store(request, 0, workerData.number);
       Atomics.notify(request, 0);
     }, ${ms});`,
    { eval: true, workerData: { buffer: stopRequestBuffer, number: constants.signals[signal] } },
  );
  await new Promise((resolve) => worker.once('online', resolve));
  return async () => {
    await worker.terminate();
  };
}
