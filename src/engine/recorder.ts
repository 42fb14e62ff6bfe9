import { errorMessage } from './errors.js';

/**
 * What the thread is doing for a task: running its own code, awaiting a timer or I/O (suspended,
 * the thread free for others), waiting for its turn (a permit, a queue slot), blocked in a
 * synchronous call (the whole thread held), or leaving the work to another thread.
 */
export type PhaseName = 'running' | 'awaiting' | 'waiting' | 'blocked' | 'off-thread';

/** Every phase, in the order a legend lists them. */
export const PHASE_NAMES: readonly PhaseName[] = [
  'running',
  'awaiting',
  'waiting',
  'blocked',
  'off-thread',
];
export type TaskStatus = 'ok' | 'error' | 'cancelled';
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface Phase {
  name: PhaseName;
  startMs: number;
  endMs: number | null;
}

/** One task of a run, from start to end. Times are milliseconds since the variant started. */
export interface TaskSpan {
  name: string;
  startMs: number;
  endMs: number | null;
  status: TaskStatus | null;
  result: JsonValue;
  error: string | null;
  phases: Phase[];
}

export interface LogLine {
  atMs: number;
  /** The task the line belongs to; null for a line about the run as a whole. */
  task: string | null;
  message: string;
}

export interface Sample {
  atMs: number;
  value: number;
}

export type RecorderEvent =
  | { type: 'task-start'; task: TaskSpan }
  | { type: 'phase'; task: TaskSpan; phase: Phase }
  | { type: 'task-end'; task: TaskSpan }
  | { type: 'log'; line: LogLine }
  | { type: 'sample'; counter: string; sample: Sample };

export type RecorderListener = (event: RecorderEvent) => void;

/**
 * Holds what happened during one run of a variant: task spans with their phases, log lines and
 * counters sampled over time, plus the demo's own figures (`stats`). Every output is drawn from it.
 */
export class Recorder {
  readonly tasks: TaskSpan[] = [];
  readonly logs: LogLine[] = [];
  readonly counters = new Map<string, Sample[]>();
  readonly stats = new Map<string, JsonValue>();
  readonly #listeners = new Set<RecorderListener>();

  /**
   * @param now milliseconds since the run started
   * @param sleep the run's scaled sleep, which a task's `sleep` awaits
   */
  constructor(
    readonly now: () => number,
    readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = () => Promise.resolve(),
  ) {}

  subscribe(listener: RecorderListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  startTask(name: string, phase: PhaseName = 'running'): TaskHandle {
    const atMs = this.now();
    const span: TaskSpan = {
      name,
      startMs: atMs,
      endMs: null,
      status: null,
      result: null,
      error: null,
      phases: [{ name: phase, startMs: atMs, endMs: null }],
    };
    this.tasks.push(span);
    this.emit({ type: 'task-start', task: span });
    return new TaskHandle(this, span);
  }

  log(message: string, task: string | null = null): void {
    const line: LogLine = { atMs: this.now(), task, message };
    this.logs.push(line);
    this.emit({ type: 'log', line });
  }

  /** Records the value of a counter (queue depth, permits in use) at this moment. */
  sample(counter: string, value: number): void {
    const sample: Sample = { atMs: this.now(), value };
    const samples = this.counters.get(counter);
    if (samples) samples.push(sample);
    else this.counters.set(counter, [sample]);
    this.emit({ type: 'sample', counter, sample });
  }

  /** Records one of the demo's own figures for this run (peak concurrency, items consumed…). */
  stat(name: string, value: JsonValue): void {
    this.stats.set(name, value);
  }

  /** Ends every task still open as cancelled: the run was stopped before they finished. */
  cancelOpenTasks(reason = 'interrupted'): void {
    for (const span of this.tasks) {
      if (span.status === null) new TaskHandle(this, span).cancel(reason);
    }
  }

  /** @internal used by TaskHandle */
  emit(event: RecorderEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

/** The handle a demo holds on one of its tasks. Ending a task twice keeps the first ending. */
export class TaskHandle {
  constructor(
    private readonly recorder: Recorder,
    readonly span: TaskSpan,
  ) {}

  get name(): string {
    return this.span.name;
  }

  get isOpen(): boolean {
    return this.span.status === null;
  }

  /**
   * Moves the task into a new phase, closing the current one. A phase left in the instant it
   * began (a task that awaits at once) is replaced rather than kept as a zero-length sliver.
   */
  phase(name: PhaseName): void {
    if (!this.isOpen || this.currentPhase === name) return;
    const atMs = this.closePhase();
    const previous = this.span.phases.at(-1);
    // Back to what it did just before, in the same instant: that phase simply goes on.
    if (previous?.name === name && previous.endMs === atMs) previous.endMs = null;
    const phase: Phase = previous?.endMs === null ? previous : { name, startMs: atMs, endMs: null };
    if (phase !== previous) this.span.phases.push(phase);
    this.recorder.emit({ type: 'phase', task: this.span, phase });
  }

  log(message: string): void {
    this.recorder.log(message, this.span.name);
  }

  /** The phase the task is in now (the last one it entered). */
  get currentPhase(): PhaseName {
    return this.span.phases.at(-1)?.name ?? 'running';
  }

  /**
   * Waits `ms` scenario milliseconds (times the scale) on a timer, recorded as `awaiting`: the
   * task is suspended and the thread is free for others. Rejects with an AbortError when the run
   * stops or `signal` aborts.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.during('awaiting', this.recorder.sleep(ms, signal));
  }

  /** Records `phase` while `work` is pending (awaiting I/O, another thread), then resumes running. */
  async during<T>(phase: PhaseName, work: Promise<T>): Promise<T> {
    const before = this.currentPhase;
    this.phase(phase);
    try {
      return await work;
    } finally {
      this.phase(before === phase ? 'running' : before);
    }
  }

  succeed(result: JsonValue = null): void {
    this.end('ok', { result });
  }

  fail(error: unknown): void {
    this.end('error', { error: errorMessage(error) });
  }

  cancel(reason = 'cancelled'): void {
    this.end('cancelled', { error: reason });
  }

  private end(status: TaskStatus, outcome: { result?: JsonValue; error?: string }): void {
    if (!this.isOpen) return;
    this.span.endMs = this.closePhase(true);
    this.span.status = status;
    this.span.result = outcome.result ?? null;
    this.span.error = outcome.error ?? null;
    this.recorder.emit({ type: 'task-end', task: this.span });
  }

  /**
   * Closes the current phase now. One that began this very instant is dropped instead (nothing
   * happened in it), unless it is all the task ever did.
   */
  private closePhase(ending = false): number {
    const atMs = this.recorder.now();
    const { phases } = this.span;
    const current = phases.at(-1);
    if (current?.endMs !== null) return atMs;
    if (current.startMs === atMs && (phases.length > 1 || !ending)) phases.pop();
    else current.endMs = atMs;
    return atMs;
  }
}
