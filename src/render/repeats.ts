import {
  formatDifference,
  formatDuration,
  formatMeanSd,
  formatRange,
  unitFor,
} from '../engine/format.js';
import type { RunResult } from '../engine/run-result.js';
import type { Summary } from '../engine/stats.js';
import { visibleWidth, wrap } from './text.js';
import type { Theme } from './theme.js';

/** The time a variant is compared by: the mean of its runs, or its one measured time. */
export function timeOf(run: RunResult): number {
  return run.repeats?.meanMs ?? run.elapsedMs;
}

/** A variant's runs as the statistics see them; a single run is a sample of one. */
export function summaryOf(run: RunResult): Summary {
  const { repeats } = run;
  if (!repeats) {
    const { elapsedMs } = run;
    return { count: 1, mean: elapsedMs, sd: 0, min: elapsedMs, max: elapsedMs };
  }
  return {
    count: repeats.elapsedMs.length,
    mean: repeats.meanMs,
    sd: repeats.sdMs,
    min: repeats.minMs,
    max: repeats.maxMs,
  };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** What the comparison of repeated runs is made of, and how its ★ is given. */
export function repeatsNote(runs: readonly RunResult[]): string {
  const counts = runs.map((run) => run.repeats?.elapsedMs.length ?? 1);
  const warmups = Math.max(0, ...runs.map((run) => run.repeats?.warmupMs.length ?? 0));
  const each = `${plural(Math.max(...counts), 'run')} of each variant`;
  const after = warmups > 0 ? ` after ${plural(warmups, 'warm-up')}` : '';
  const stopped = runs
    .filter((run) => run.interrupted)
    .map((run) => {
      const ended = run.repeats?.elapsedMs.length ?? 0;
      const when = ended > 0 ? `after ${plural(ended, 'run')}` : 'before a run ended';
      return `; ${run.variant} stopped ${when}`;
    })
    .join('');
  // An asyncio twin's run is made once beside repeated Node runs.
  const once = runs.some((run) => !run.repeats && !run.interrupted)
    ? '; rows without ± ran once'
    : '';
  return (
    `${each}${after}${once}${stopped}. ★: faster than the rest of its group by Welch's t-test ` +
    `(95 %) and by more than 2 ms + 1 %; a speedup's ± carries both σ.`
  );
}

/**
 * The lines under a repeated variant's live log: the mean ± σ of its runs and their range, then
 * the ideal and which runs the log and the chart show.
 */
export function renderRepeatsSummary(
  run: RunResult,
  { theme, width = 80, logShown = true }: { theme: Theme; width?: number; logShown?: boolean },
): string {
  const { repeats } = run;
  if (!repeats) return '';
  const { chalk } = theme;
  const unit = unitFor([repeats.maxMs]);
  const count = repeats.elapsedMs.length;
  const stopped = run.interrupted ? `, ${chalk.yellow('stopped by Ctrl-C')}` : '';
  const first = [
    `${chalk.cyan('■')} ${chalk.bold(run.variant)}${stopped}:`,
    `mean ${formatMeanSd(repeats.meanMs, repeats.sdMs, unit)}`,
    `of ${plural(count, 'run')}`,
    `(${formatRange(repeats.minMs, repeats.maxMs, unit)})`,
  ];
  const details: string[] = [];
  if (run.idealMs !== null) {
    details.push(`ideal ${formatDuration(run.idealMs)}`);
    if (!run.interrupted) details.push(formatDifference(repeats.meanMs - run.idealMs));
  }
  if (logShown) details.push('log: run 1');
  details.push(
    `chart: run ${repeats.medianIndex + 1}, the median (${formatDuration(run.elapsedMs)})`,
  );
  const detailLines = joinWrapped(details, ' · ', width, 2);
  return `${joinWrapped(first, ' ', width, 0)}\n  ${chalk.dim(detailLines)}\n\n`;
}

/**
 * Items joined by `separator` into lines of `width` columns, the first line after `firstIndent`
 * columns the caller writes, the others indented by two spaces: an item stays whole on its line
 * unless it is wider than a line alone.
 */
function joinWrapped(
  items: readonly string[],
  separator: string,
  width: number,
  firstIndent: number,
): string {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.at(-1);
    const room = width - (lines.length <= 1 ? firstIndent : 2);
    if (last !== undefined && visibleWidth(last + separator + item) <= room) {
      lines[lines.length - 1] = last + separator + item;
    } else lines.push(item);
  }
  return lines.map((line) => wrap(line, width, 2)).join('\n  ');
}
