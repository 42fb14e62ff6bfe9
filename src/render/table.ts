import Table from 'cli-table3';
import type { Column } from '../engine/demo.js';
import type { RunResult } from '../engine/run-result.js';
import { formatCount, formatDifference, formatDuration, formatSpeedup } from '../engine/format.js';
import type { Theme } from './theme.js';

export interface TableOptions {
  theme: Theme;
  /** The demo's own columns, after the common ones. */
  columns?: readonly Column[];
  /** The group of a variant (Variant.group): only variants of one group are compared. */
  groupOf?: (variant: string) => string;
  /** The measure a variant's group is ranked by, when not wall time (Variant.rankBy). */
  rankOf?: (variant: string) => { stat: string; label: string } | undefined;
}

/**
 * Compares the variants of one demo: measured and ideal time, the runner's overhead, and the
 * speedup against the slowest variant of the same group. The clearly fastest of each group is
 * starred (and green in colour).
 */
export function renderComparison(runs: readonly RunResult[], options: TableOptions): string {
  const { theme, columns = [], groupOf = () => '', rankOf = () => undefined } = options;
  const { chalk } = theme;
  const notes: string[] = [];
  const peers = (run: RunResult) =>
    runs.filter((other) => !other.interrupted && groupOf(other.variant) === groupOf(run.variant));
  const table = createTable(
    ['Variant', 'Measured', 'Ideal', 'vs ideal', 'Speedup', ...columns.map((c) => c.header)],
    theme,
    [
      'left',
      'right',
      'right',
      'right',
      'right',
      ...columns.map((c) => (c.format === 'count' || c.format === 'duration' ? 'right' : 'left')),
    ],
  );
  for (const run of runs) {
    const times = peers(run).map((peer) => peer.elapsedMs);
    const slowest = Math.max(...times);
    const rank = rankOf(run.variant);
    const isFastest = !run.interrupted && isClearlyFastest(run.elapsedMs, times);
    const isBest = rank ? isBestBy(run, peers(run), rank.stat) : isFastest;
    if (rank && isBest) notes.push(rankNote(run, peers(run), rank));
    const name = isBest ? chalk.green.bold(`${run.variant} ★`) : run.variant;
    table.push([
      run.interrupted ? `${run.variant} ${chalk.yellow('(stopped)')}` : name,
      formatDuration(run.elapsedMs),
      run.idealMs === null ? '—' : formatDuration(run.idealMs),
      // A run cut short says nothing about the runner's overhead.
      run.idealMs === null || run.interrupted ? '—' : formatDifference(run.elapsedMs - run.idealMs),
      // Alone in its group, a variant has nothing to be faster than.
      run.interrupted || times.length < 2 ? '—' : formatSpeedup(slowest / run.elapsedMs),
      ...columns.map((column) => columnCell(column, run)),
    ]);
  }
  const noteLines = notes.flatMap((note) => note.split('\n'));
  return `${table.toString()}\n${noteLines.map((line) => `${chalk.dim(line)}\n`).join('')}`;
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
  const first = [...peers].sort((a, b) => a.elapsedMs - b.elapsedMs)[0];
  const by = `★ by ${label}, not by time`;
  if (!first || first === winner) return `${by}: ${winner.variant} wins on both.`;
  return (
    `${by}: ${first.variant} finished sooner (${formatDuration(first.elapsedMs)}),\n` +
    `but its ${label} was ${formatDuration(statOf(first, stat))}, against ` +
    `${formatDuration(statOf(winner, stat))} for ${winner.variant}.`
  );
}

/** A demo's own column: one of the run's stats, formatted; — where the run has none. */
export function columnCell({ stat, format = 'text' }: Column, run: RunResult): string {
  const value = run.stats[stat];
  if (typeof value === 'number') {
    if (format === 'count') return formatCount(Math.round(value));
    if (format === 'duration') return formatDuration(value);
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
  colAligns?: Alignment[],
  layout: Pick<Table.TableConstructorOptions, 'colWidths' | 'wordWrap'> = {},
) {
  return new Table({
    head: head.map((text) => theme.chalk.bold(text)),
    // compact: a rule under the header only, none between body rows.
    style: { head: [], border: [], compact: true },
    ...(colAligns ? { colAligns } : {}),
    ...layout,
  });
}
