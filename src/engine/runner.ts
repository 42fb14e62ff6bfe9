import { inspect } from 'node:util';
import { systemClock, warmUpTimers, type Clock } from './clock.js';
import type { AnyDemo, DemoContext, TaskOptions } from './demo.js';
import { isAbortError } from './errors.js';
import { HEARTBEAT_COUNTER, startHeartbeat, type Heartbeat } from './heartbeat.js';
import { createRandom } from './random.js';
import { Recorder, type JsonValue, type RecorderEvent, type TaskHandle } from './recorder.js';
import type { RunResult } from './run-result.js';
import { settleAll } from './settle.js';

export type { RunResult } from './run-result.js';

export interface RunSettings {
  /** The options the variant runs with, parsed. */
  options: unknown;
  /** What the demo's `prepare` made ready (`ctx.state`). */
  state?: unknown;
  scale: number;
  seed: number;
  clock?: Clock;
  /** Stops the run (Ctrl-C); what was measured so far is returned. */
  signal?: AbortSignal;
  /** Sees every event as it happens, for the live log. */
  onEvent?: (event: RecorderEvent) => void;
}

/** The ideal time of a variant at the run's scale, or null where none exists. */
export function scaledIdeal(
  demo: AnyDemo,
  variantName: string,
  { options, state, scale }: Pick<RunSettings, 'options' | 'state' | 'scale'>,
): number | null {
  const ideal = variantOf(demo, variantName).ideal(options, state);
  return ideal === null ? null : ideal * scale;
}

function variantOf(demo: AnyDemo, variantName: string) {
  const variant = demo.variants[variantName];
  if (!variant) throw new Error(`${demo.name} has no variant '${variantName}'`);
  return variant;
}

/** Runs one variant of a demo and returns what was recorded. */
export async function runVariant(
  demo: AnyDemo,
  variantName: string,
  settings: RunSettings,
): Promise<RunResult> {
  const variant = variantOf(demo, variantName);
  const clock = settings.clock ?? systemClock;
  const idealMs = scaledIdeal(demo, variantName, settings);
  // Aborted when the run ends, so that work left behind (timers, sockets) is released.
  const endOfRun = new AbortController();
  const signal = settings.signal
    ? AbortSignal.any([settings.signal, endOfRun.signal])
    : endOfRun.signal;
  warmUpTimers();
  let origin = clock.now();
  const { scale } = settings;
  const sleep = (ms: number, own?: AbortSignal) =>
    clock.sleep(ms * scale, own ? AbortSignal.any([signal, own]) : signal);
  const recorder = new Recorder(() => clock.now() - origin, sleep);
  let heartbeat: Heartbeat | undefined;
  if (variant.heartbeat) {
    // Started before the clock's origin, so that its set-up is not counted in the variant's time.
    heartbeat = startHeartbeat(clock, (lateness) => recorder.sample(HEARTBEAT_COUNTER, lateness));
    origin = clock.now();
  }
  const unsubscribe = settings.onEvent ? recorder.subscribe(settings.onEvent) : () => {};
  const pending = new Set<Promise<unknown>>();
  const context = createContext({ recorder, clock, signal, settings, pending });

  let elapsedMs: number;
  let interrupted: boolean;
  try {
    interrupted = await untilAborted(variant.run(context), settings.signal);
    elapsedMs = recorder.now();
    // Work the variant started but did not wait for (orphans, detached tasks) is still shown.
    if (!interrupted) interrupted = await untilAborted(settleAll(pending), settings.signal);
  } catch (error) {
    if (!settings.signal?.aborted) throw error;
    interrupted = true;
    elapsedMs = recorder.now();
  } finally {
    const loopDelay = await heartbeat?.stop();
    if (loopDelay) {
      recorder.stat('maxLoopDelayMs', loopDelay.maxLoopDelayMs);
      recorder.stat('p99LoopDelayMs', loopDelay.p99LoopDelayMs);
    }
    endOfRun.abort();
    recorder.cancelOpenTasks();
    unsubscribe();
  }
  return {
    variant: variantName,
    elapsedMs,
    idealMs,
    interrupted,
    tasks: recorder.tasks,
    logs: recorder.logs,
    counters: Object.fromEntries(recorder.counters),
    stats: Object.fromEntries(recorder.stats),
  };
}

interface ContextParts {
  recorder: Recorder;
  clock: Clock;
  signal: AbortSignal;
  settings: RunSettings;
  pending: Set<Promise<unknown>>;
}

function createContext(parts: ContextParts): DemoContext<unknown> {
  const { recorder, clock, signal, settings, pending } = parts;
  const { scale } = settings;
  return {
    options: settings.options,
    state: settings.state,
    scale,
    signal,
    random: createRandom(settings.seed),
    now: recorder.now,
    sleep: recorder.sleep,
    block: (ms) => clock.block(ms * scale),
    task<T>(name: string, work: (task: TaskHandle) => Promise<T>, taskOptions?: TaskOptions<T>) {
      const handle = recorder.startTask(name, taskOptions?.phase);
      const outcome = track(handle, work, taskOptions?.result);
      const done: Promise<unknown> = outcome.then(
        () => pending.delete(done),
        () => pending.delete(done),
      );
      pending.add(done);
      return outcome;
    },
    log: (message) => recorder.log(message),
    sample: (counter, value) => recorder.sample(counter, value),
    stat: (name, value) => recorder.stat(name, value),
  };
}

async function track<T>(
  handle: TaskHandle,
  work: (task: TaskHandle) => Promise<T>,
  toResult: ((value: T) => JsonValue) | undefined,
): Promise<T> {
  try {
    const value = await work(handle);
    handle.succeed(toResult ? toResult(value) : asJson(value));
    return value;
  } catch (error) {
    if (isAbortError(error)) handle.cancel();
    else handle.fail(error);
    throw error;
  }
}

/** Plain JSON values are kept as they are; anything else is recorded as Node would print it. */
export function asJson(value: unknown, depth = 0): JsonValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (depth < 4 && Array.isArray(value)) return value.map((item) => asJson(item, depth + 1));
  if (depth < 4 && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asJson(v, depth + 1)]));
  }
  return inspect(value, { depth: 2, breakLength: Infinity });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Resolves false when `work` settles, true if `signal` aborts first; rejects if `work` does. */
function untilAborted(work: Promise<unknown>, signal: AbortSignal | undefined): Promise<boolean> {
  if (!signal) return work.then(() => false);
  if (signal.aborted) {
    // Not waited for, but its rejection (an AbortError from the first sleep) must not go unhandled.
    work.catch(() => {});
    return Promise.resolve(true);
  }
  return new Promise<boolean>((resolve, reject) => {
    const onAbort = () => resolve(true);
    signal.addEventListener('abort', onAbort, { once: true });
    work
      .then(
        () => resolve(false),
        (error: unknown) => reject(error as Error),
      )
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
