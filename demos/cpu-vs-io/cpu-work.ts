import type { Worker } from 'node:worker_threads';
import { abortError } from '../../src/engine/abort.js';

/**
 * CPU-bound work that no `await` can speed up: the sum of i*i for i below `n`, modulo 2^32. Integer
 * arithmetic only (`Math.imul` and `| 0` wrap at 32 bits), so the result is exact for any `n`.
 */
export function sumOfSquares(n: number): number {
  return squareSumLoop(n) >>> 0;
}

/**
 * The loop, returning a signed 32-bit sum: an unsigned result (`>>> 0`) here makes V8 throw its
 * optimised code away at the end of each call ("lost precision"). A counter past 2^31 is no longer
 * a small integer: V8 deoptimises and the rest runs ten times slower. So the hot loop runs in
 * chunks of 2^30 on a 32-bit counter that wraps, which changes nothing: i*i mod 2^32 depends only
 * on i mod 2^32.
 */
function squareSumLoop(n: number): number {
  let sum = 0;
  for (let start = 0; start < n; start += 1073741824) {
    const to = (start + Math.min(n - start, 1073741824)) | 0;
    sum = (sum + squareSumRange(start | 0, to)) | 0;
  }
  return sum;
}

/** Iterations between two calls of `between` in `sumOfSquaresInSlices`: a few milliseconds. */
export const SLICE_ITERATIONS = 2 ** 22;

/**
 * The same sum on this thread, in slices: `between()` runs before each one and may throw to stop
 * the loop (a Ctrl-C seen by another thread). Nothing yields: the thread stays held throughout.
 */
export function sumOfSquaresInSlices(n: number, between: () => void): number {
  return slicedSquareSum(n, between) >>> 0;
}

/** Signed 32-bit, as squareSumLoop is (see there); a slice starting past 2^32 wraps alike. */
function slicedSquareSum(n: number, between: () => void): number {
  let sum = 0;
  for (let start = 0; start < n; start += SLICE_ITERATIONS) {
    between();
    const to = (start + Math.min(n - start, SLICE_ITERATIONS)) | 0;
    sum = (sum + squareSumRange(start | 0, to)) | 0;
  }
  return sum;
}

/** The hot loop: only 32-bit integers, so it stays optimised for any `n`. */
function squareSumRange(from: number, to: number): number {
  let sum = 0;
  for (let i = from; i !== to; i = (i + 1) | 0) sum = (sum + Math.imul(i, i)) | 0;
  return sum;
}

/**
 * A cold loop runs in V8's interpreter, ten times slower or more, until the optimising compiler,
 * on a background thread, has finished; on a busy machine that thread waits its turn and a long
 * first call can run slow from end to end. So short calls are repeated until several in a row run
 * at least four times faster than the slowest: the compiled code is in.
 */
function warmUp(): void {
  let slowest = 0;
  let fastInARow = 0;
  for (let call = 0; call < 2000 && fastInARow < 3; call++) {
    const start = performance.now();
    squareSumLoop(100_000);
    const ms = performance.now() - start;
    slowest = Math.max(slowest, ms);
    fastInARow = ms * 4 < slowest ? fastInARow + 1 : 0;
  }
}

const CALIBRATION_MS = 25;

/**
 * Iterations of `sumOfSquares` per millisecond on this thread, after a warm-up, from a few runs
 * long enough to time.
 */
export function measureRate(now: () => number = () => performance.now()): number {
  warmUp();
  let n = 100_000;
  let ms = time(n, now);
  while (ms < CALIBRATION_MS) {
    n *= 2;
    ms = time(n, now);
  }
  // The fastest of a few runs: other processes only ever slow a run down.
  return Math.max(n / ms, n / time(n, now), n / time(n, now), n / time(n, now));
}

function time(n: number, now: () => number): number {
  const start = now();
  squareSumLoop(n);
  return Math.max(now() - start, 1e-3);
}

/**
 * The worker's whole program, run with `eval: true`: no file to find, so it works the same from
 * compiled JavaScript and under tsx. It warms the loop up, says it is ready, then sums on demand.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
${squareSumRange.toString()}
${squareSumLoop.toString()}
(${warmUp.toString()})();
parentPort.on('message', (n) => parentPort.postMessage(${squareSumLoop.name}(n) >>> 0));
parentPort.postMessage('ready');
`;

/**
 * A worker thread that computes `sumOfSquares` on demand, started and warmed up ahead of time so
 * that a task times the loop, not the thread's start. Idle, it does not keep the process alive.
 */
export class CpuWorker {
  /** Resolves when the thread has really gone, terminated or crashed. */
  readonly exited: Promise<void>;
  #worker: Worker;
  #stopped = false;
  #hasExited = false;

  private constructor(worker: Worker) {
    this.#worker = worker;
    this.threadId = worker.threadId;
    this.exited = new Promise((resolve) => {
      worker.once('exit', () => {
        this.#hasExited = true;
        resolve();
      });
    });
  }

  /** Resolves once the thread has started and warmed its loop up. */
  static async start(signal?: AbortSignal): Promise<CpuWorker> {
    // Loaded here, not at the top: the registry (and so every command) imports this module.
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    try {
      await nextMessage(worker, signal);
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    worker.unref();
    return new CpuWorker(worker);
  }

  /** The thread's id, as `worker_threads.threadId` reads inside it. */
  readonly threadId: number;

  /** False once terminated (or crashed). */
  get isRunning(): boolean {
    return !this.#stopped && !this.#hasExited;
  }

  /** Computes on the thread; an abort terminates it, even in the middle of its loop. */
  async sumOfSquares(n: number, signal?: AbortSignal): Promise<number> {
    if (!this.isRunning) throw new Error('this worker thread has been stopped');
    // Working, it keeps the process alive: the answer is awaited.
    this.#worker.ref();
    try {
      this.#worker.postMessage(n);
      return Number(await nextMessage(this.#worker, signal));
    } catch (error) {
      await this.terminate();
      throw error;
    } finally {
      this.#worker.unref();
    }
  }

  async terminate(): Promise<void> {
    this.#stopped = true;
    await this.#worker.terminate();
  }
}

/** Starts `count` warmed-up workers at once; if one fails, the others are stopped too. */
export async function startCpuWorkers(count: number, signal?: AbortSignal): Promise<CpuWorker[]> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => CpuWorker.start(signal)),
  );
  const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s) => s.status === 'rejected');
  if (failure) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw failure.reason;
  }
  return workers;
}

function nextMessage(worker: Worker, signal?: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const settle = (action: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    const onMessage = (message: unknown) => settle(() => resolve(message));
    const onError = (error: Error) => settle(() => reject(error));
    const onExit = (code: number) =>
      settle(() => reject(new Error(`the worker stopped early (exit code ${code})`)));
    const onAbort = () => settle(() => reject(abortError(signal)));
    if (signal?.aborted) {
      onAbort();
      return;
    }
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
