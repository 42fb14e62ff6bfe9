import type { AnyDemo } from './demo.js';
import type { Repeats, RunResult } from './run-result.js';
import { runVariant, type RunSettings } from './runner.js';
import { medianIndex, summarize } from './stats.js';

/** How often each variant runs (`--runs`, `--warmup`): once, with no warm-up, unless told. */
export interface RepeatPlan {
  runs: number;
  warmup: number;
}

/** One run of a repeated variant is about to start: "warm-up 1 of 2", "run 3 of 10". */
export interface RepeatStart {
  variant: string;
  warmup: boolean;
  /** From 1. */
  run: number;
  of: number;
}

/**
 * Runs one variant `plan.warmup` times uncounted, then `plan.runs` times, and returns the median
 * run (by elapsed time) with every run's figures in `repeats` (absent for a single counted run).
 * Only the first counted run's events reach `settings.onEvent`: the live log shows one run, not
 * the same story n times over. Ctrl-C ends the loop at once: the runs that ended are the result
 * (marked interrupted); when none had, the run that was stopped is.
 */
export async function runRepeated(
  demo: AnyDemo,
  variant: string,
  settings: RunSettings,
  plan: RepeatPlan,
  onStart: (start: RepeatStart) => void | Promise<void> = () => {},
): Promise<RunResult> {
  if (plan.runs === 1 && plan.warmup === 0) return runVariant(demo, variant, settings);
  const silent: RunSettings = { ...settings, onEvent: undefined };
  const warmupMs: number[] = [];
  for (let run = 1; run <= plan.warmup; run += 1) {
    await onStart({ variant, warmup: true, run, of: plan.warmup });
    const result = await runVariant(demo, variant, silent);
    if (result.interrupted) return result;
    warmupMs.push(result.elapsedMs);
  }
  const counted: RunResult[] = [];
  for (let run = 1; run <= plan.runs; run += 1) {
    await onStart({ variant, warmup: false, run, of: plan.runs });
    const result = await runVariant(demo, variant, run === 1 ? settings : silent);
    if (result.interrupted) {
      if (counted.length === 0) return result;
      break;
    }
    counted.push(result);
  }
  const elapsedMs = counted.map((result) => result.elapsedMs);
  const median = medianIndex(elapsedMs);
  const shown = counted[median];
  if (!shown) throw new Error(`${variant}: no run ended`);
  if (plan.runs === 1) return shown;
  const stopped = counted.length < plan.runs;
  return { ...shown, interrupted: stopped, repeats: repeatsOf(elapsedMs, warmupMs, median) };
}

function repeatsOf(elapsedMs: number[], warmupMs: number[], median: number): Repeats {
  const { mean, sd, min, max } = summarize(elapsedMs);
  return {
    elapsedMs,
    warmupMs,
    meanMs: mean,
    sdMs: sd,
    minMs: min,
    maxMs: max,
    medianIndex: median,
  };
}
