import { PassThrough } from 'node:stream';
import { vi } from 'vitest';
import { systemClock, type Clock } from '../src/clock.js';
import type { Demo, OptionSpecs, OptionValues } from '../src/demo.js';
import { DEFAULT_SEED } from '../src/random.js';
import { runVariant, type RunResult, type RunSettings } from '../src/runner.js';
import type { Io } from '../src/terminal.js';

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
 */
export async function runFake<O>(
  demo: Demo<O>,
  variant: string,
  options: Partial<O> = {},
  settings: Partial<RunSettings> = {},
): Promise<RunResult> {
  const all = { ...(defaultOptions(demo.options) as O), ...options };
  const run = runVariant(demo, variant, all, {
    scale: 1,
    seed: DEFAULT_SEED,
    clock: fakeClock(),
    ...settings,
  });
  await vi.runAllTimersAsync();
  return run;
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
