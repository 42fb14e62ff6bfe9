import type { Random } from './random.js';
import type { JsonValue, PhaseName, TaskHandle } from './recorder.js';

/**
 * A demo option, declared as data: the command line turns each one into a flag. `parse` receives
 * the raw text and the value so far (the default on first use), so an option can repeat.
 */
export interface OptionSpec<T> {
  /** Commander flags, for example `--dish <name=seconds>`. */
  flags: string;
  description: string;
  default: T;
  /** How the default reads in `--help`, when `String(default)` would not do. */
  defaultLabel?: string;
  /** Throws an InvalidValueError that says what is allowed. */
  parse(raw: string, previous: T): T;
}

export type OptionSpecs = Record<string, OptionSpec<unknown>>;

export type OptionValues<S extends OptionSpecs> = {
  [K in keyof S]: S[K] extends OptionSpec<infer T> ? T : never;
};

/** What a variant can use while it runs. Demos never print: they record through this. */
export interface DemoContext<O, S = unknown> {
  readonly options: O;
  /** What the demo's `prepare` made ready (undefined without one). */
  readonly state: S;
  /** The factor every simulated duration is multiplied by. */
  readonly scale: number;
  /** Aborts when the run is stopped (Ctrl-C, or the end of the run for work left behind). */
  readonly signal: AbortSignal;
  /** Seeded: the same seed gives the same choices in every variant. */
  readonly random: Random;
  /** Milliseconds since the variant started. */
  now(): number;
  /** Waits `ms` scenario milliseconds (times the scale) without blocking the event loop. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Blocks the whole thread for `ms` scenario milliseconds (times the scale). */
  block(ms: number): void;
  /**
   * Runs `work` as a recorded task: its span starts now and ends with its outcome (ok with the
   * returned value, error, or cancelled when it rejects with an AbortError). Returns what `work`
   * returns, or rethrows.
   */
  task<T>(
    name: string,
    work: (task: TaskHandle) => Promise<T>,
    options?: TaskOptions<T>,
  ): Promise<T>;
  /** A log line about the run as a whole (a task logs through its handle). */
  log(message: string): void;
  /** Records the value of a counter (queue depth, permits in use) at this moment. */
  sample(counter: string, value: number): void;
  /** Records one of the run's own figures (peak concurrency, items consumed…). */
  stat(name: string, value: JsonValue): void;
}

export interface TaskOptions<T> {
  /** The phase the task starts in; `running` unless it starts by waiting or blocking. */
  phase?: PhaseName;
  /** How the returned value is recorded; by default the value itself when it is plain JSON. */
  result?: (value: T) => JsonValue;
}

/** A method's type: checked bivariantly, as `ideal` and `run` are, so variants stay assignable. */
type Describe<O> = { describe(options: O): string }['describe'];

export interface Variant<O, S = unknown> {
  /** One line on what the variant does; a function when it names an option's value. */
  summary: string | Describe<O>;
  /** The time a perfect scheduler would take, in unscaled milliseconds; null where none exists. */
  ideal(options: O, state: S): number | null;
  /**
   * Runs an event-loop heartbeat alongside: a `heartbeat` counter sampled every few milliseconds
   * (its lateness), drawn as a lane of its own, and `maxLoopDelayMs`/`p99LoopDelayMs` in `stats`.
   * Those figures come from Node's real-time monitor: under fake timers they are absent, or only
   * the stalls the heartbeat saw on the fake clock.
   */
  heartbeat?: boolean;
  run(context: DemoContext<O, S>): Promise<void>;
  /**
   * Variants of the same group do the same work in different ways; the table compares each
   * variant with its own group only (CPU work with CPU work, not with waiting). One group if unset.
   */
  group?: string;
  /**
   * The measure its group's ★ goes by when that is not wall time (lower is better): pitfalls'
   * reads are judged by the event loop's delay, since the read that froze the loop ends sooner.
   */
  rankBy?: { stat: string; label: string };
  /**
   * The stat (`ctx.stat`) holding the variant's passes, each `{ name, elapsedMs, idealMs }`, when
   * it runs the same work several ways in one run (a sweep of limits): they get a table of their
   * own, compared with each other like variants.
   */
  passes?: string;
  /** Runs only when its flag is given, not in the default run of every variant (a long sweep). */
  optIn?: boolean;
  /** Opt-in for some option values only, such as a count that would make the run hours long. */
  optInWhen?(options: O): boolean;
}

/** How a column of the comparison table shows its stat; the table renderer formats it. */
export type ColumnFormat = 'text' | 'count' | 'duration';

/** An extra column of the comparison table: one of the run's stats (`ctx.stat`), as data. */
export interface Column {
  header: string;
  stat: string;
  /** `text` (as recorded) unless given. */
  format?: ColumnFormat;
}

/** What a demo's `prepare` made ready for its variants, and how to take it down again. */
export interface Prepared<S> {
  /** What the variants and their ideals read as `ctx.state`: a server's address, a calibration. */
  state: S;
  /** Lines for the header, such as the address of a server the demo started. */
  notes?: string[];
  /** Runs after the last variant, also on error and on Ctrl-C. */
  dispose?(): Promise<void>;
}

export interface PrepareEnvironment {
  scale: number;
  seed: number;
  signal: AbortSignal;
  /** The variants about to run, so that nothing is made ready for one that will not. */
  variants: readonly string[];
  /** Variants a full run left out because of the options (`optInWhen`), worth a note. */
  leftOut: readonly string[];
}

/**
 * How a demo's asyncio twin is run: `python3 python/<demo>.py <variant> --scale --seed --options`.
 * It prints one JSON line per event (src/engine/twin.ts reads them).
 */
export interface AsyncioTwin<O, S> {
  /** The variants the twin has, by their Node names. */
  variants: readonly string[];
  /** Why the twin cannot run with these options (shown as a usage error), or null. */
  unsupported?(options: O): string | null;
  /** What the twin receives as `--options`, as JSON; the parsed options by default. */
  input?(options: O, state: S): unknown;
}

export interface Demo<O = Record<string, unknown>, S = unknown> {
  name: string;
  /** One line, shown by `list` and at the top of `--help`. */
  summary: string;
  /** What the demo teaches, in one line of at most 72 characters: the tour's summary shows it. */
  lesson?: string;
  /** A few lines on what to look for, shown in `--help`. */
  hint?: string;
  /** Where asyncio behaves differently, a few plain lines each, shown under "In asyncio:". */
  inAsyncio?: readonly string[];
  /** The demo's asyncio twin, python/<name>.py, which `--asyncio` runs beside each variant. */
  asyncioTwin?: AsyncioTwin<O, S>;
  examples?: string[];
  options: OptionSpecs;
  /**
   * Runs once before the variants, for what they share and what must be released afterwards:
   * a local server, a calibration, a temporary file, random draws every variant must meet.
   */
  prepare?(options: O, environment: PrepareEnvironment): Promise<Prepared<S>> | Prepared<S>;
  /** In the order a full run shows them. */
  variants: Record<string, Variant<O, S>>;
  columns?: Column[];
  /**
   * The names of the tasks the variants will start, known before they run (the live log sizes its
   * task column once from them, so that it never shifts); the widest of them are enough. Names
   * missing here still show.
   */
  taskNames?(options: O, state: S): readonly string[];
}

/** A demo of any options and state, as the registry and the command line hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any demo fits here
export type AnyDemo = Demo<any, any>;

/**
 * Exists for typing: the variants see the parsed values of exactly the options declared, and
 * `ctx.state` is what `prepare` returns.
 *
 * @example
 * export default defineDemo({
 *   name: 'nap',
 *   summary: 'one task sleeps',
 *   options: {},
 *   variants: {
 *     once: { summary: 'sleep 1 s', ideal: () => 1000, run: (ctx) => ctx.sleep(1000) },
 *   },
 * });
 */
export function defineDemo<const S extends OptionSpecs, State = undefined>(
  demo: Omit<Demo<OptionValues<S>, State>, 'options'> & { options: S },
): Demo<OptionValues<S>, State> {
  return demo;
}

/** A variant's summary for these options (its help text passes none: the generic wording). */
export function variantSummary<O>(variant: Pick<Variant<O>, 'summary'>, options?: O): string {
  const { summary } = variant;
  if (typeof summary === 'string') return summary;
  return summary(options as O);
}

export function defineOption<T>(spec: OptionSpec<T>): OptionSpec<T> {
  return spec;
}

/** The values of a demo's options when none is given on the command line. */
export function defaultOptions<S extends OptionSpecs>(specs: S): OptionValues<S> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, spec.default]),
  ) as OptionValues<S>;
}

/** Thrown by an option's parser; the message says what is allowed. */
export class InvalidValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidValueError';
  }
}
