import { PassThrough } from 'node:stream';
import { vi } from 'vitest';
import { systemClock, type Clock } from '../src/engine/clock.js';
import { defaultOptions, type Demo, type PrepareEnvironment } from '../src/engine/demo.js';
import { runDemo } from '../src/engine/lifecycle.js';
import { DEFAULT_SEED } from '../src/engine/random.js';
import type { RecorderEvent } from '../src/engine/recorder.js';
import type { RunResult } from '../src/engine/run-result.js';
import type { Io } from '../src/cli/terminal.js';

/**
 * A clock for vitest's fake timers (which fake `performance.now()` too). A blocking sleep cannot
 * advance fake time without firing timers in the middle of it, so it moves `now()` forward by an
 * offset instead: what follows the block starts that much later, as it would for real.
 */
export function fakeClock(): Clock {
  let blocked = 0;
  return {
    now: () => performance.now() + blocked,
    sleep: (ms, signal) => systemClock.sleep(ms, signal),
    block: (ms) => {
      blocked += ms;
    },
  };
}

export { defaultOptions } from '../src/engine/demo.js';

/** The settings of a test run: a scale of 1, the default seed, and whatever is given. */
interface FakeSettings {
  scale?: number;
  seed?: number;
  signal?: AbortSignal;
  /** The fake clock unless given. */
  clock?: Clock;
  /** Sees every event as it happens, as the live log does. */
  onEvent?: (event: RecorderEvent) => void;
}

/**
 * Runs one variant on fake timers (call `vi.useFakeTimers()` first) and returns what it recorded.
 * Options not given keep the demo's defaults; the scale defaults to 1 and the seed to the default.
 * As the CLI does, the demo's whole life runs: its `prepare` (told that only this variant will
 * run), the variant, its dispose.
 */
export async function runFake<O, S>(
  demo: Demo<O, S>,
  variant: string,
  options: Partial<O> = {},
  settings: FakeSettings = {},
): Promise<RunResult> {
  const { running, started } = startFake(demo, variant, options, settings);
  await started;
  await vi.runAllTimersAsync();
  return await running;
}

/**
 * Runs one variant on fake timers and stops it (Ctrl-C) at `atMs`. Also returns how many timers
 * were still pending once it was stopped, before any could fire: runFake runs every timer to the
 * end, so after it that count is always 0 and proves nothing.
 */
export async function runFakeStoppedAt<O, S>(
  demo: Demo<O, S>,
  variant: string,
  atMs: number,
  options: Partial<O> = {},
): Promise<{ run: RunResult; timersLeft: number }> {
  const stop = new AbortController();
  const { running, started } = startFake(demo, variant, options, { signal: stop.signal });
  await started;
  await vi.advanceTimersByTimeAsync(atMs);
  stop.abort();
  await vi.advanceTimersByTimeAsync(0);
  const timersLeft = vi.getTimerCount();
  return { run: await running, timersLeft };
}

/** Starts the demo's life on the fake clock; `started` resolves once `prepare` is done. */
function startFake<O, S>(
  demo: Demo<O, S>,
  variant: string,
  options: Partial<O>,
  settings: FakeSettings,
) {
  let variantStarted = () => {};
  const started = new Promise<void>((resolve) => (variantStarted = resolve));
  const running = runDemo({
    demo,
    options: { ...(defaultOptions(demo.options) as O), ...options },
    variants: [variant],
    scale: settings.scale ?? 1,
    seed: settings.seed ?? DEFAULT_SEED,
    clock: settings.clock ?? fakeClock(),
    ...(settings.signal ? { signal: settings.signal } : {}),
    reporters: [
      {
        onVariantStart: variantStarted,
        ...(settings.onEvent ? { onEvent: settings.onEvent } : {}),
      },
    ],
  }).then(([run]) => {
    if (!run) throw new Error(`${demo.name} ${variant} did not run`);
    return run;
  });
  // A prepare that fails must not leave the caller waiting for a variant that never starts.
  return { running, started: Promise.race([started, running.then(() => {})]) };
}

/** What a demo's `prepare` is told, for a test that calls it itself: every field can be given. */
export function prepareEnvironment(given: Partial<PrepareEnvironment> = {}): PrepareEnvironment {
  return {
    scale: 1,
    seed: DEFAULT_SEED,
    signal: new AbortController().signal,
    variants: [],
    leftOut: [],
    ...given,
  };
}

/** Lets every settled promise run its continuations (a macrotask turn; not on fake timers). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The span of the task named `name`: when it started and ended, how, and with what. */
export function span(run: RunResult, name: string) {
  const task = run.tasks.find((t) => t.name === name);
  if (!task) throw new Error(`no task ${name}`);
  return { start: task.startMs, end: task.endMs, status: task.status, result: task.result };
}

/** An Io whose streams are read back as text; `tty` makes both look like a terminal. */
export function captureIo(
  options: { tty?: boolean; columns?: number; env?: Record<string, string> } = {},
) {
  const chunks = { out: '', err: '' };
  const stream = (key: 'out' | 'err') => {
    const pass = new PassThrough();
    pass.on('data', (chunk: Buffer) => (chunks[key] += chunk.toString()));
    return Object.assign(pass, {
      isTTY: options.tty === true,
      columns: options.columns ?? 80,
    });
  };
  const io: Io = { out: stream('out'), err: stream('err'), env: options.env ?? {} };
  return {
    io,
    get out() {
      return chunks.out;
    },
    get err() {
      return chunks.err;
    },
  };
}
