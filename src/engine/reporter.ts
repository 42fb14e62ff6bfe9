import type { AnyDemo } from './demo.js';
import type { RecorderEvent } from './recorder.js';
import type { RepeatStart } from './repeat.js';
import type { RunResult } from './run-result.js';

/** What every hook of a demo's run can know about it. */
export interface DemoRunInfo {
  demo: AnyDemo;
  /** The options the variants run with, parsed. */
  options: unknown;
  /** The variants that will run, in order. */
  variants: readonly string[];
  scale: number;
  seed: number;
  /** `--asyncio`: the variants whose asyncio twin runs right after them. */
  asyncio?: readonly string[];
}

/** What `prepare` made known before the first variant. */
export interface DemoStart {
  /** What `prepare` had to say: a server's address, a calibration. */
  notes: readonly string[];
  /** Each variant's ideal time at the run's scale (null where none exists), in run order. */
  idealMs: Readonly<Record<string, number | null>>;
  /** Every task name the variants will use, when the demo knows them up front (Demo.taskNames). */
  taskNames: readonly string[];
}

export interface VariantStart {
  variant: string;
  /** Already multiplied by the scale; null where no ideal exists. */
  idealMs: number | null;
}

export interface DemoEnd {
  /** Every run that ended, in order: the last one may have been stopped midway. */
  runs: readonly RunResult[];
  /** True when Ctrl-C stopped the demo (during `prepare` or a variant). */
  interrupted: boolean;
  /** False when `prepare` did not finish: nothing ran. */
  started: boolean;
}

/**
 * One output of a demo's run (the terminal, a JSON document, a trace file…): a set of hooks the
 * run loop calls in order. Every hook is optional; several reporters can listen to one run.
 */
export interface Reporter {
  /** Before the demo's `prepare`, which can take a second (a server, a calibration). */
  onPrepare?(info: DemoRunInfo): void | Promise<void>;
  /** Once `prepare` is done, before the first variant. */
  onDemoStart?(info: DemoRunInfo, start: DemoStart): void | Promise<void>;
  onVariantStart?(start: VariantStart): void | Promise<void>;
  /** Before each run of a variant run several times (`--runs`, `--warmup`); never otherwise. */
  onRepeatStart?(start: RepeatStart): void | Promise<void>;
  /** Every event of the running variant, as it happens: must not wait for anything. */
  onEvent?(event: RecorderEvent): void;
  onRunEnd?(run: RunResult): void | Promise<void>;
  /** Always called, also when `prepare` failed or was stopped. */
  onDemoEnd?(end: DemoEnd): void | Promise<void>;
}
