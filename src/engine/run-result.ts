import type { JsonValue, LogLine, Sample, TaskSpan } from './recorder.js';

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
