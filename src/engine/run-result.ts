import type { JsonValue, LogLine, Sample, TaskSpan } from './recorder.js';

/** Everything measured in one run of one variant: the single source of every output. */
export interface RunResult {
  variant: string;
  /** Set on a run of the demo's asyncio twin (`--asyncio`); absent on a Node run. */
  runtime?: 'asyncio';
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
  /** Present when the variant ran several times (`--runs`): this run is their median one. */
  repeats?: Repeats;
}

/** The figures of every run of a variant run several times (`--runs`, `--warmup`). */
export interface Repeats {
  /** Wall-clock ms of each counted run, in the order they ran. */
  elapsedMs: number[];
  /** Of each warm-up run before them, not counted. */
  warmupMs: number[];
  meanMs: number;
  /** The sample standard deviation (n − 1). */
  sdMs: number;
  minMs: number;
  maxMs: number;
  /** Which of `elapsedMs` is the run given in full (tasks, logs…): the median, from 0. */
  medianIndex: number;
}

/**
 * The passes a variant recorded in the stat `stat` (Variant.passes), as runs of their own, so that
 * they can be compared like variants; entries that are not `{ name, elapsedMs, idealMs }` are left out.
 */
export function passesOf(run: RunResult, stat: string): RunResult[] {
  const value = run.stats[stat];
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return [];
    const { name, elapsedMs, idealMs } = entry;
    if (typeof name !== 'string' || typeof elapsedMs !== 'number') return [];
    return [
      {
        variant: name,
        elapsedMs,
        idealMs: typeof idealMs === 'number' ? idealMs : null,
        interrupted: false,
        tasks: [],
        logs: [],
        counters: {},
        stats: {},
      },
    ];
  });
}
