import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AnyDemo } from './demo.js';
import { UsageError } from './errors.js';
import { registerCleanup } from './cleanup.js';
import {
  PHASE_NAMES,
  Recorder,
  type JsonValue,
  type PhaseName,
  type RecorderEvent,
  type TaskHandle,
} from './recorder.js';
import type { RunResult } from './run-result.js';
import { TWIN_TASK_SUFFIX, twinVariantName } from './twin-names.js';

/** The folder of the asyncio twins, python/<demo>.py, from src/engine or the bundle in dist/cli. */
const PYTHON_DIR = fileURLToPath(new URL('../../python/', import.meta.url));
const MIN_PYTHON = { major: 3, minor: 11 };

/** The interpreter `--asyncio` runs: python3, or ASYNC_DEMOS_PYTHON when set. */
export function pythonCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.ASYNC_DEMOS_PYTHON ?? 'python3';
}

/** The variants of `variants` that have a twin; a usage error when none has, or the options forbid it. */
export function twinVariants(
  demo: AnyDemo,
  options: unknown,
  variants: readonly string[],
): string[] {
  const twin = demo.asyncioTwin;
  if (!twin) throw new UsageError(`${demo.name} has no asyncio twin yet: leave out --asyncio`);
  const refused = twin.unsupported?.(options) ?? null;
  if (refused !== null) throw new UsageError(`--asyncio: ${refused}`);
  const chosen = variants.filter((variant) => twin.variants.includes(variant));
  if (chosen.length === 0) {
    throw new UsageError(
      `--asyncio: no asyncio twin for ${variants.join(', ')}; the twin has ${twin.variants.join(', ')}`,
    );
  }
  return chosen;
}

/** Checks that the interpreter is there and new enough; says what to install when it is not. */
export async function checkPython(command = pythonCommand()): Promise<string> {
  const wanted = `Python ${MIN_PYTHON.major}.${MIN_PYTHON.minor} or newer`;
  const install = `--asyncio needs ${wanted} as ${command} (e.g. apt-get install python3)`;
  let output: string;
  try {
    output = await capture(command, ['-c', 'import sys; print(*sys.version_info[:3])']);
  } catch {
    throw new UsageError(`${install}: ${command} was not found`);
  }
  const [major = 0, minor = 0, micro = 0] = output.trim().split(' ').map(Number);
  if (major < MIN_PYTHON.major || (major === MIN_PYTHON.major && minor < MIN_PYTHON.minor)) {
    throw new UsageError(`${install}: found ${major}.${minor}`);
  }
  return `${major}.${minor}.${micro}`;
}

function capture(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
  });
}

/** One line a twin prints (python/_twin.py's Recorder). */
export interface TwinEvent {
  atMs: number;
  task: string | null;
  kind: 'start' | 'phase' | 'end' | 'log' | 'sample' | 'stat' | 'done';
  phase: string | null;
  message: string | null;
  value?: unknown;
}

export interface TwinRun {
  demo: AnyDemo;
  variant: string;
  options: unknown;
  state?: unknown;
  scale: number;
  seed: number;
  idealMs: number | null;
  signal?: AbortSignal;
  onEvent?: (event: RecorderEvent) => void;
  python?: string;
}

/** Runs a variant's asyncio twin to its end (or Ctrl-C) and returns what it recorded. */
export async function runTwin(run: TwinRun): Promise<RunResult> {
  const { demo, variant, options, state, scale, seed, signal } = run;
  const input = demo.asyncioTwin?.input?.(options, state) ?? options;
  const args = [`${demo.name}.py`, variant, '--scale', String(scale), '--seed', String(seed)];
  const child = spawn(
    run.python ?? pythonCommand(),
    [...args, '--options', JSON.stringify(input)],
    {
      cwd: PYTHON_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      // A process group of its own: stopping the twin stops what it started too (cpu-vs-io's
      // process pool), and a terminal's Ctrl-C reaches us, who stop it, rather than the twin.
      detached: true,
    },
  );
  const stop = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  signal?.addEventListener('abort', stop, { once: true });
  const unregister = registerCleanup(stop);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    const interrupted = signal?.aborted ?? false;
    if (code !== 0 && !interrupted) {
      const why = err.trim().split('\n').at(-1) ?? `exit ${code}`;
      throw new Error(`the asyncio twin python/${demo.name}.py failed: ${why}`);
    }
    const events = parseTwinEvents(out);
    return replayTwin(twinVariantName(variant), events, {
      idealMs: run.idealMs,
      interrupted,
      ...(run.onEvent ? { onEvent: run.onEvent } : {}),
    });
  } finally {
    signal?.removeEventListener('abort', stop);
    unregister();
  }
}

/** The complete lines of a twin's output, read as events; a line cut by Ctrl-C is left out. */
export function parseTwinEvents(output: string): TwinEvent[] {
  return output.split('\n').flatMap((line) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as TwinEvent];
    } catch {
      return [];
    }
  });
}

interface ReplayOptions {
  idealMs: number | null;
  interrupted: boolean;
  onEvent?: (event: RecorderEvent) => void;
}

/**
 * Records a twin's events as a run of our own, with the same recorder as a Node run, so that
 * every reporter draws it the same way. Its tasks are named `<task> · py`.
 */
export function replayTwin(
  variant: string,
  events: readonly TwinEvent[],
  how: ReplayOptions,
): RunResult {
  let at = 0;
  const recorder = new Recorder(() => at);
  const unsubscribe = how.onEvent ? recorder.subscribe(how.onEvent) : () => {};
  const handles = new Map<string, TaskHandle>();
  let elapsedMs: number | null = null;
  for (const event of events) {
    at = event.atMs;
    const name = event.task === null || event.task === 'main' ? null : lane(event.task);
    const handle = name === null ? undefined : handles.get(name);
    switch (event.kind) {
      case 'start':
        if (name !== null) handles.set(name, recorder.startTask(name, phaseName(event.phase)));
        break;
      case 'phase':
        handle?.phase(phaseName(event.phase));
        break;
      case 'end':
        if (event.phase === 'error') handle?.fail(new Error(event.message ?? 'failed'));
        else if (event.phase === 'cancelled') handle?.cancel(event.message ?? 'cancelled');
        else handle?.succeed(event.message);
        break;
      case 'log':
        recorder.log(event.message ?? '', name);
        break;
      case 'sample':
        if (event.message !== null && typeof event.value === 'number') {
          recorder.sample(event.message, event.value);
        }
        break;
      case 'stat':
        if (event.message !== null) recorder.stat(event.message, toJson(event.value));
        break;
      case 'done':
        elapsedMs = event.atMs;
        break;
    }
  }
  recorder.cancelOpenTasks();
  unsubscribe();
  return {
    variant,
    runtime: 'asyncio',
    elapsedMs: elapsedMs ?? at,
    idealMs: how.idealMs,
    interrupted: how.interrupted || elapsedMs === null,
    tasks: recorder.tasks,
    logs: recorder.logs,
    counters: Object.fromEntries(recorder.counters),
    stats: Object.fromEntries(recorder.stats),
  };
}

function lane(task: string): string {
  return `${task}${TWIN_TASK_SUFFIX}`;
}

function phaseName(phase: string | null): PhaseName {
  return PHASE_NAMES.find((name) => name === phase) ?? 'running';
}

function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
}
