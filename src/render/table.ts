import Table from 'cli-table3';
import type { Column } from '../engine/demo.js';
import type { RunResult } from '../engine/run-result.js';
import {
  formatCount,
  formatDifference,
  formatDuration,
  formatMeanSd,
  formatRange,
  formatSpeedup,
  formatSpeedupSd,
  unitFor,
  type TimeUnit,
} from '../engine/format.js';
import { isSignificantlyLowest, ratioOf } from '../engine/stats.js';
import { fitColumns } from './fit.js';
import { repeatsNote, summaryOf, timeOf } from './repeats.js';
import { wrap } from './text.js';
import type { Theme } from './theme.js';

export interface TableOptions {
  theme: Theme;
  /** Columns available; the table squeezes, then stacks, to fit. */
  width?: number;
  /** The demo's own columns, after the common ones. */
  columns?: readonly Column[];
  /** The group of a variant (Variant.group): only variants of one group are compared. */
  groupOf?: (variant: string) => string;
  /** The measure a variant's group is ranked by, when not wall time (Variant.rankBy). */
  rankOf?: (variant: string) => { stat: string; label: string } | undefined;
  /** What the rows are: variants unless told (the passes of a sweep). */
  firstHeader?: string;
}

/**
 * Compares the variants of one demo: measured and ideal time, the runner's overhead, and the
 * speedup against the slowest variant of the same group. The clearly fastest of each group is
 * starred (and green in colour). The times share one unit; the differences from ideal another.
 */
export function renderComparison(runs: readonly RunResult[], options: TableOptions): string {
  const { theme, width = 80, columns = [], groupOf = () => '', rankOf = () => undefined } = options;
  const { firstHeader = 'Variant' } = options;
  const { chalk } = theme;
  // Run several times (--runs): mean ± σ and the range instead of one measured time.
  const repeated = runs.some((run) => run.repeats !== undefined);
  const notes: string[] = [];
  const peers = (run: RunResult) =>
    runs.filter((other) => !other.interrupted && groupOf(other.variant) === groupOf(run.variant));
  const durationStats = columns.filter((c) => c.format === 'duration').map((c) => c.stat);
  const unit = unitFor(
    runs.flatMap((run) => [
      run.elapsedMs,
      run.idealMs ?? 0,
      ...(run.repeats ? [run.repeats.maxMs] : []),
      ...durationStats.map((stat) => run.stats[stat]).filter((v) => typeof v === 'number'),
    ]),
  );
  // The overhead is small beside the times it compares: it gets a unit of its own.
  const differenceUnit = unitFor(
    runs.flatMap((run) =>
      run.idealMs === null || run.interrupted ? [] : [timeOf(run) - run.idealMs],
    ),
  );
  const head = [
    firstHeader,
    ...(repeated ? ['Mean ± σ', 'Min … max'] : ['Measured']),
    'Ideal',
    'vs ideal',
    'Speedup',
    ...columns.map((c) => c.header),
  ];
  const aligns: readonly Alignment[] = [
    'left',
    ...(repeated ? (['right', 'right'] as const) : (['right'] as const)),
    'right',
    'right',
    'right',
    ...columns.map((c): Alignment =>
      c.format === 'count' || c.format === 'duration' ? 'right' : 'left',
    ),
  ];
  const rows = runs.map((run) => {
    const times = peers(run).map(timeOf);
    const slowest = peers(run).reduce<RunResult | undefined>(
      (slow, peer) => (slow === undefined || timeOf(peer) > timeOf(slow) ? peer : slow),
      undefined,
    );
    const rank = rankOf(run.variant);
    const isFastest =
      !run.interrupted &&
      isClearlyFastest(timeOf(run), times) &&
      (!repeated || isSignificantlyFastest(run, peers(run)));
    const isBest = rank ? isBestBy(run, peers(run), rank.stat) : isFastest;
    if (rank && isBest) notes.push(rankNote(run, peers(run), rank));
    const name = isBest ? chalk.green.bold(`${run.variant} ★`) : run.variant;
    return [
      run.interrupted ? `${run.variant} ${chalk.yellow('(stopped)')}` : name,
      ...(repeated ? repeatedCells(run, unit) : [formatDuration(run.elapsedMs, unit)]),
      run.idealMs === null ? '—' : formatDuration(run.idealMs, unit),
      // A run cut short says nothing about the runner's overhead.
      run.idealMs === null || run.interrupted
        ? '—'
        : formatDifference(timeOf(run) - run.idealMs, differenceUnit),
      // Alone in its group, a variant has nothing to be faster than.
      run.interrupted || times.length < 2 || !slowest
        ? '—'
        : repeated
          ? speedupCell(slowest, run)
          : formatSpeedup(timeOf(slowest) / run.elapsedMs),
      ...columns.map((column) => columnCell(column, run, unit)),
    ];
  });
  if (repeated) notes.push(repeatsNote(runs));
  const noteLines = notes.flatMap((note) => wrap(note, width).split('\n'));
  const body =
    fittedBody(repeated ? REPEATED_FITS : [renderFitted], head, rows, aligns, theme, width) ??
    renderStacked(head, rows, theme, width);
  return `${body}${noteLines.map((line) => `${chalk.dim(line)}\n`).join('')}`;
}

/** The mean ± σ and the range of a variant's runs; a run alone (stopped at once) has no range. */
function repeatedCells(run: RunResult, unit: TimeUnit): string[] {
  const { repeats } = run;
  if (!repeats) return [formatDuration(run.elapsedMs, unit), '—'];
  return [
    formatMeanSd(repeats.meanMs, repeats.sdMs, unit),
    formatRange(repeats.minMs, repeats.maxMs, unit),
  ];
}

/** The speedup of `run` against the slowest of its group, ± σ; the slowest itself is 1 exactly. */
function speedupCell(slowest: RunResult, run: RunResult): string {
  if (slowest === run) return formatSpeedup(1);
  const { ratio, sd } = ratioOf(summaryOf(slowest), summaryOf(run));
  return formatSpeedupSd(ratio, sd);
}

/**
 * Faster than every other repeated variant of its group beyond what the spread of their runs
 * explains.
 */
function isSignificantlyFastest(run: RunResult, peers: readonly RunResult[]): boolean {
  // A row measured once (an asyncio twin's run) cannot be tested: the noise rule alone decides.
  const others = peers.filter((peer) => peer !== run && peer.repeats).map(summaryOf);
  return !run.repeats || others.length === 0 || isSignificantlyLowest(summaryOf(run), others);
}

type Fit = typeof renderFitted;

/** The first that fits: for each way of fitting, one table, then a table per kind of row. */
function fittedBody(
  fits: readonly Fit[],
  head: readonly string[],
  rows: readonly (readonly string[])[],
  aligns: readonly Alignment[],
  theme: Theme,
  width: number,
): string | null {
  const speedupAt = head.indexOf('Speedup');
  for (const fit of fits) {
    const body =
      fit(head, rows, aligns, theme, width) ??
      renderByKind(head, rows, aligns, theme, width, speedupAt, fit);
    if (body !== null) return body;
  }
  return null;
}

/**
 * Run several times, the table is two columns wider. Where it does not fit, the ideal goes
 * first, then the difference from it, then the padding, and only then the range (each variant's
 * summary above the table gives them all).
 */
function withLayouts(layouts: readonly (readonly [readonly string[], number])[]): Fit {
  return (head, rows, aligns, theme, width) => {
    for (const [dropping, padding] of layouts) {
      const dropped = new Set(dropping.map((header) => head.indexOf(header)));
      const keep = <T>(values: readonly T[]) => values.filter((_, i) => !dropped.has(i));
      const table = renderFitted(keep(head), rows.map(keep), keep(aligns), theme, width, [padding]);
      if (table !== null) return table;
    }
    return null;
  };
}

const WITHOUT_IDEAL = ['Ideal', 'vs ideal'];
const REPEATED_FITS: readonly Fit[] = [
  withLayouts(
    [2, 1].flatMap((padding) =>
      [[], ['Ideal'], WITHOUT_IDEAL].map((dropping) => [dropping, padding] as const),
    ),
  ),
  withLayouts([
    [[...WITHOUT_IDEAL, 'Min … max'], 2],
    [[...WITHOUT_IDEAL, 'Min … max'], 1],
  ]),
];

/**
 * A table in `width` columns, without the columns that say nothing (every cell —): as it is when
 * it fits, else with wrapped headers (and text cells), else with less padding; null when none of
 * that fits. `paddings`: a space each side of a cell (2), or only on its left (1).
 */
export function renderFitted(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  aligns: readonly Alignment[],
  theme: Theme,
  width: number,
  paddings: readonly number[] = [2, 1],
): string | null {
  const kept = head.map((_, i) => i).filter((i) => i === 0 || rows.some((row) => row[i] !== '—'));
  const pick = <T>(values: readonly T[]) => kept.map((i) => values[i] as T);
  const keptHead = pick(head);
  const keptRows = rows.map(pick);
  const keptAligns = pick(aligns);
  const breakable = keptAligns.map((align, i) => i > 0 && align === 'left');
  // A space each side of a cell, or only on its left when that is what it takes to fit.
  for (const padding of paddings) {
    const colWidths = fitColumns([keptHead, ...keptRows], width, breakable, padding);
    if (colWidths === null) continue;
    const table = createTable(keptHead, theme, keptAligns, {
      colWidths,
      wordWrap: true,
      paddingRight: padding === 2 ? 1 : 0,
    });
    for (const row of keptRows) table.push(row);
    return `${table.toString()}\n`;
  }
  return null;
}

/**
 * Several tables, each of the rows that fill the same columns (pitfalls: the awaits' rows count
 * unhandled rejections, the reads' rows the loop's delay), each with only those columns; null when
 * the rows are all alike or one table is still too wide.
 */
function renderByKind(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  aligns: readonly Alignment[],
  theme: Theme,
  width: number,
  speedupAt: number,
  fit: Fit,
): string | null {
  // The speedup is left out of the kind: a variant alone in its group has none.
  const kindOf = (row: readonly string[]) =>
    row.map((cell, i) => (i === speedupAt || cell === '—' ? '' : 'x')).join(',');
  const kinds = [...new Set(rows.map(kindOf))];
  if (kinds.length < 2) return null;
  const tables = kinds.map((kind) =>
    fit(
      head,
      rows.filter((row) => kindOf(row) === kind),
      aligns,
      theme,
      width,
    ),
  );
  return tables.every((table) => table !== null) ? tables.join('') : null;
}

function renderStacked(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  theme: Theme,
  width: number,
): string {
  return rows
    .map((row) => {
      const [name = '', ...cells] = row;
      const pairs = cells.map((cell, i) => `${theme.chalk.dim(`${head[i + 1] ?? ''}:`)} ${cell}`);
      return `${theme.chalk.bold(name)}\n  ${wrap(pairs.join(' · '), width, 2)}\n`;
    })
    .join('');
}

const statOf = (run: RunResult, stat: string) => {
  const value = run.stats[stat];
  return typeof value === 'number' ? value : Infinity;
};

/** The lowest of its group by the stat, by more than noise, as the ★ by time is given. */
function isBestBy(run: RunResult, peers: readonly RunResult[], stat: string): boolean {
  if (run.interrupted || !Number.isFinite(statOf(run, stat))) return false;
  return isClearlyFastest(
    statOf(run, stat),
    peers.map((peer) => statOf(peer, stat)),
  );
}

/** Why the ★ is not on the variant that ended first, when it is not. */
function rankNote(
  winner: RunResult,
  peers: readonly RunResult[],
  { stat, label }: { stat: string; label: string },
): string {
  const first = [...peers].sort((a, b) => timeOf(a) - timeOf(b))[0];
  const by = `★ by ${label}, not by time`;
  if (!first || first === winner) return `${by}: ${winner.variant} wins on both.`;
  return (
    `${by}: ${first.variant} finished sooner (${formatDuration(timeOf(first))}),\n` +
    `but its ${label} was ${formatDuration(statOf(first, stat))}, against ` +
    `${formatDuration(statOf(winner, stat))} for ${winner.variant}.`
  );
}

/** A demo's own column: one of the run's stats, formatted; — where the run has none. */
export function columnCell(
  { stat, format = 'text' }: Column,
  run: RunResult,
  unit?: TimeUnit,
): string {
  const value = run.stats[stat];
  if (typeof value === 'number') {
    if (format === 'count') return formatCount(Math.round(value));
    if (format === 'duration') return formatDuration(value, unit);
    return String(value);
  }
  return typeof value === 'string' ? value : '—';
}

/**
 * The fastest of its group by more than timing noise (2 ms + 1%, the runner's own tolerance): a
 * star for a tie would single out a variant for nothing.
 */
function isClearlyFastest(elapsedMs: number, times: readonly number[]): boolean {
  const [fastest, runnerUp] = [...times].sort((a, b) => a - b);
  if (fastest !== elapsedMs || runnerUp === undefined) return false;
  return runnerUp - fastest > 2 + runnerUp / 100;
}

export type Alignment = 'left' | 'right' | 'center';

/**
 * A cli-table3 table whose colours are ours alone: cli-table3 paints headers red and borders grey
 * by itself unless its style lists are emptied, and that would leak escape codes into pipes.
 */
export function createTable(
  head: readonly string[],
  theme: Theme,
  colAligns?: readonly Alignment[],
  {
    paddingRight = 1,
    ...layout
  }: Pick<Table.TableConstructorOptions, 'colWidths' | 'wordWrap'> & {
    paddingRight?: number;
  } = {},
) {
  return new Table({
    head: head.map((text) => theme.chalk.bold(text)),
    // compact: a rule under the header only, none between body rows.
    style: { head: [], border: [], compact: true, 'padding-right': paddingRight },
    ...(colAligns ? { colAligns: [...colAligns] } : {}),
    ...layout,
  });
}
