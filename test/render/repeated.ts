import { medianIndex, summarize } from '../../src/engine/stats.js';
import type { RunResult } from '../../src/engine/run-result.js';
import { run } from './fixtures.js';

/** A variant run several times: the median run, with the figures of every run. */
export function repeated(
  variant: string,
  elapsedMs: number[],
  idealMs: number | null,
  parts: Partial<RunResult> = {},
): RunResult {
  const { mean, sd, min, max } = summarize(elapsedMs);
  const median = medianIndex(elapsedMs);
  return run({
    variant,
    idealMs,
    elapsedMs: elapsedMs[median] ?? 0,
    repeats: {
      elapsedMs,
      warmupMs: [],
      meanMs: mean,
      sdMs: sd,
      minMs: min,
      maxMs: max,
      medianIndex: median,
    },
    ...parts,
  });
}
