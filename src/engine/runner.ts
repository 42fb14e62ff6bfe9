import { inspect } from 'node:util';
import { systemClock, warmUpTimers, type Clock } from './clock.js';
import type { Demo, DemoContext, TaskOptions } from './demo.js';
import { isAbortError } from './errors.js';
import { HEARTBEAT_COUNTER, startHeartbeat, type Heartbeat } from './heartbeat.js';
import { createRandom } from './random.js';
import {
  Recorder,
  type JsonValue,
  type LogLine,
  type RecorderEvent,
  type Sample,
  type TaskHandle,
  type TaskSpan,
} from './recorder.js';
import { settleAll } from './settle.js';

/** Everything measured in one run of one variant: the single source of every output. */
export interface RunResult {
  variant: string;
  /** Wall-clock milliseconds until the variant's own work returned. */
  elapsedMs: number;
  /** Already multiplied by the scale; null where no ideal exists. */
  idealMs: number | null;
  /** True when Ctrl-C stopped the run: what is here was measured until then. */
  interrupted: boolean;
  tasks: TaskSpan[];
  logs: LogLine[];
  counters: Record<string, Sample[]>;
  stats: Record<string, JsonValue>;
}

export interface RunSettings {
  scale: number;
  seed: number;
  clock?: Clock;
  /** Stops the run (Ctrl-C); what was measured so far is returned. */
  signal?: AbortSignal;
  /** Sees every event as it happens, for the live log. */
  onEvent?: (event: RecorderEvent) => void;
}

/** Runs one variant of a demo and returns what was recorded. */
export async function runVariant<O>(
  demo: Demo<O>,
  variantName: string,
  options: O,
  settings: RunSettings,
): Promise<RunResult> {
  const variant = demo.variants[variantName];
  if (!variant) throw new Error(`${demo.name} has no variant '${variantName}'`);
  const clock = settings.clock ?? systemClock;
  const idealMs = variant.ideal(options, settings.seed);
  // Aborted when the run ends, so that work left behind (timers, sockets) is released.
  const endOfRun = new AbortController();
  const signal = settings.signal
    ? AbortSignal.any([settings.signal, endOfRun.signal])
    : endOfRun.signal;
  warmUpTimers();
  let origin = clock.now();
  const recorder = new Recorder(() => clock.now() - origin);
  let heartbeat: Heartbeat | undefined;
  if (variant.heartbeat) {
    // Started before the clock's origin, so that its set-up is not counted in the variant's time.
    heartbeat = startHeartbeat(clock, (lateness) => recorder.sample(HEARTBEAT_COUNTER, lateness));
    origin = clock.now();
  }
  const unsubscribe = settings.onEvent ? recorder.subscribe(settings.onEvent) : () => {};
  const pending = new Set<Promise<unknown>>();
  const context = createContext({ recorder, clock, signal, options, settings, pending });

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
    idealMs: idealMs === null ? null : idealMs * settings.scale,
    interrupted,
    tasks: recorder.tasks,
    logs: recorder.logs,
    counters: Object.fromEntries(recorder.counters),
    stats: Object.fromEntries(recorder.stats),
  };
}

interface ContextParts<O> {
  recorder: Recorder;
  clock: Clock;
  signal: AbortSignal;
  options: O;
  settings: RunSettings;
  pending: Set<Promise<unknown>>;
}

function createContext<O>(parts: ContextParts<O>): DemoContext<O> {
  const { recorder, clock, signal, options, settings, pending } = parts;
  const { scale } = settings;
  return {
    options,
    scale,
    signal,
    random: createRandom(settings.seed),
    now: recorder.now,
    sleep: (ms, own) => clock.sleep(ms * scale, own ? AbortSignal.any([signal, own]) : signal),
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
