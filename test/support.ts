import { PassThrough } from 'node:stream';
import { vi } from 'vitest';
import { systemClock, type Clock } from '../src/engine/clock.js';
import type { Demo, OptionSpecs, OptionValues } from '../src/engine/demo.js';
import { DEFAULT_SEED } from '../src/engine/random.js';
import { runVariant, type RunResult, type RunSettings } from '../src/engine/runner.js';
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

/** The values of a demo's options when none is given on the command line. */
export function defaultOptions<S extends OptionSpecs>(specs: S): OptionValues<S> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, spec.default]),
  ) as OptionValues<S>;
}

/**
 * Runs one variant on fake timers (call `vi.useFakeTimers()` first) and returns what it recorded.
 * Options not given keep the demo's defaults; the scale defaults to 1 and the seed to the default.
 * As the CLI does, the demo's `prepare` (when it has one) runs first, told that only this variant
 * will run, and its dispose runs after.
 */
export async function runFake<O>(
  demo: Demo<O>,
  variant: string,
  options: Partial<O> = {},
  settings: Partial<RunSettings> = {},
): Promise<RunResult> {
  const all = { ...(defaultOptions(demo.options) as O), ...options };
  const runSettings = { scale: 1, seed: DEFAULT_SEED, clock: fakeClock(), ...settings };
  const prepared = await demo.prepare?.(all, {
    scale: runSettings.scale,
    seed: runSettings.seed,
    signal: new AbortController().signal,
    variants: [variant],
  });
  try {
    const run = runVariant(demo, variant, prepared?.options ?? all, runSettings);
    await vi.runAllTimersAsync();
    return await run;
  } finally {
    await prepared?.dispose();
  }
}

/**
 * Runs one variant on fake timers and stops it (Ctrl-C) at `atMs`. Also returns how many timers
 * were still pending once it was stopped, before any could fire: runFake runs every timer to the
 * end, so after it that count is always 0 and proves nothing. No `prepare` runs here.
 */
export async function runFakeStoppedAt<O>(
  demo: Demo<O>,
  variant: string,
  atMs: number,
  options: Partial<O> = {},
): Promise<{ run: RunResult; timersLeft: number }> {
  const stop = new AbortController();
  const running = runVariant(
    demo,
    variant,
    { ...(defaultOptions(demo.options) as O), ...options },
    {
      scale: 1,
      seed: DEFAULT_SEED,
      clock: fakeClock(),
      signal: stop.signal,
    },
  );
  await vi.advanceTimersByTimeAsync(atMs);
  stop.abort();
  await vi.advanceTimersByTimeAsync(0);
  const timersLeft = vi.getTimerCount();
  return { run: await running, timersLeft };
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
