import type { AnyDemo } from '../engine/demo.js';
import { formatSpeedup } from '../engine/format.js';
import type { RunResult } from '../engine/run-result.js';
import { createTable } from './table.js';
import { visibleWidth, wrap } from './text.js';
import type { Theme } from './theme.js';

/** How a demo of the tour ended: it ran, Ctrl-C stopped it, or it threw. */
export type TourStatus = 'ran' | 'stopped' | 'failed';

/** A demo as the tour ran it: what it measured (until a failure or Ctrl-C) and how it ended. */
export interface TourDemoResult {
  demo: AnyDemo;
  runs: readonly RunResult[];
  status: TourStatus;
  /** Why it failed, when it did. */
  error?: string;
}

/** What a demo's comparison table says in one line: its slowest variant against its fastest. */
export interface Headline {
  /** The variants' group (Variant.group), null when the demo has only one. */
  group: string | null;
  slowest: string;
  fastest: string;
  /** The slowest's measure over the fastest's; null when the fastest measured 0. */
  speedup: number | null;
  /** What was measured: wall time, or the stat the group is ranked by (Variant.rankBy). */
  by: { stat: string; label: string } | null;
}

/** One row of the tour's summary. */
export interface DemoSummary {
  demo: string;
  status: TourStatus;
  /** One per group of variants doing the same work, where at least two of them ran. */
  headlines: Headline[];
  lesson: string | null;
}

/**
 * A demo's headline comparisons: in each group (variants that do the same work), the slowest
 * finished variant against the fastest, by time or by the group's own measure.
 */
export function summarizeDemo({ demo, runs, status }: TourDemoResult): DemoSummary {
  const groups = new Map<string, RunResult[]>();
  for (const run of runs) {
    if (run.interrupted) continue;
    const group = demo.variants[run.variant]?.group ?? '';
    groups.set(group, [...(groups.get(group) ?? []), run]);
  }
  const headlines = [...groups].flatMap(([group, members]) => {
    const by = demo.variants[members[0]?.variant ?? '']?.rankBy ?? null;
    const headline = compare(members, by);
    return headline ? [{ ...headline, group: groups.size > 1 ? group : null }] : [];
  });
  return { demo: demo.name, status, headlines, lesson: demo.lesson ?? null };
}

function compare(
  runs: readonly RunResult[],
  by: Headline['by'],
): Omit<Headline, 'group'> | undefined {
  const measured = runs.flatMap((run) => {
    const value = by ? run.stats[by.stat] : run.elapsedMs;
    return typeof value === 'number' ? [{ variant: run.variant, value }] : [];
  });
  if (measured.length < 2) return undefined;
  // Of variants within noise of each other, the first in the demo's order: the row stays the
  // same from run to run (breakfast's blocking and sequential take the same time).
  const near = (value: number, target: number) => Math.abs(value - target) <= 2 + target / 100;
  const slowest = measured.find(({ value }) =>
    near(value, Math.max(...measured.map((entry) => entry.value))),
  );
  const others = measured.filter((entry) => entry !== slowest);
  const least = Math.min(...others.map(({ value }) => value));
  const fastest = others.find(({ value }) => near(value, least));
  if (!fastest || !slowest) return undefined;
  const speedup = fastest.value > 0 ? slowest.value / fastest.value : null;
  return { slowest: slowest.variant, fastest: fastest.variant, speedup, by };
}

export interface SummaryLayout {
  theme: Theme;
  width: number;
}

const HEAD = ['Demo', 'Slowest vs fastest', 'Speedup'];
/** Below this, the comparisons would wrap word by word: the summary is a list instead. */
const MIN_COMPARED_WIDTH = 16;

/**
 * The tour's closing table: per demo its headline comparisons and speedups, then its lesson on a
 * row of its own across the table. Narrower than the screen when its text allows.
 */
export function renderTourSummary(rows: readonly DemoSummary[], layout: SummaryLayout): string {
  const { theme, width } = layout;
  const names = rows.map((row) => nameCell(row, theme));
  const widths = columnWidths(rows, names, width);
  if (widths.compared < MIN_COMPARED_WIDTH) return renderList(rows, names, theme, width);
  const table = createTable(HEAD, theme, ['left', 'left', 'right'], {
    colWidths: [widths.name, widths.compared, widths.speedup],
    wordWrap: true,
  });
  rows.forEach((row, index) => {
    table.push([names[index] ?? row.demo, ...headlineCells(row, widths.compared)]);
    if (row.lesson !== null) {
      // A hanging indent: the arrow, then every line of the lesson under its first word.
      const lesson = theme.chalk.dim(`→ ${wrap(row.lesson, widths.table - 4, 2)}`);
      // Wrapped here: cli-table3 would wrap a spanning cell short of the borders it spans.
      table.push([{ colSpan: 3, content: lesson, wordWrap: false }]);
    }
  });
  return `${table.toString()}\n`;
}

/** As wide as the text needs, up to `width`: the comparisons give up room first. */
function columnWidths(rows: readonly DemoSummary[], names: readonly string[], width: number) {
  const widest = (texts: readonly string[]) => Math.max(0, ...texts.map(visibleWidth));
  // Each with a space of padding either side.
  const name = widest([HEAD[0] ?? '', ...names]) + 2;
  const speedup = widest([HEAD[2] ?? '', ...rows.flatMap((r) => r.headlines.map(speedupCell))]) + 2;
  // The comparisons also keep room for the indent `wrap` gives a second line.
  const comparedNeed = widest([HEAD[1] ?? '', ...rows.flatMap(comparedLines)]) + 4;
  const lessonNeed = widest(rows.map(lessonText));
  // Four borders; the lesson row spans the three columns and their padding.
  const table = Math.min(width, Math.max(name + comparedNeed + speedup + 4, lessonNeed + 4));
  return { table, name, speedup, compared: table - 4 - name - speedup };
}

/** The comparisons, wrapped to their column, and the speedups, each beside its comparison. */
function headlineCells(row: DemoSummary, comparedWidth: number): [string, string] {
  const compared: string[] = [];
  const speedups: string[] = [];
  for (const [n, line] of comparedLines(row).entries()) {
    const wrapped = wrap(line, comparedWidth - 2, 2).split('\n');
    compared.push(...wrapped);
    const headline = row.headlines[n];
    speedups.push(headline ? speedupCell(headline) : '—', ...wrapped.slice(1).map(() => ''));
  }
  return [compared.join('\n'), speedups.join('\n')];
}

function nameCell(row: DemoSummary, theme: Theme): string {
  const { chalk } = theme;
  if (row.status === 'stopped') return `${row.demo} ${chalk.yellow('(stopped)')}`;
  if (row.status === 'failed') return `${row.demo} ${chalk.red('(failed)')}`;
  return row.demo;
}

/** One line per headline: "blocking vs concurrent", with the group and measure when they matter. */
function comparedLines(row: DemoSummary): string[] {
  if (row.headlines.length === 0) return ['—'];
  return row.headlines.map(({ slowest, fastest, by }) =>
    by ? `${slowest} vs ${fastest}, by ${by.label}` : `${slowest} vs ${fastest}`,
  );
}

function speedupCell({ speedup }: Headline): string {
  return speedup === null ? '—' : formatSpeedup(speedup);
}

function lessonText(row: DemoSummary): string {
  return row.lesson === null ? '' : `→ ${row.lesson}`;
}

/** Says what the speedup column compares, under the table. */
export function renderSummaryNote(theme: Theme, width: number): string {
  const note = 'Speedup: the slowest variant over the fastest, by time unless named.';
  return `${theme.chalk.dim(wrap(note, width))}\n`;
}

/** The summary without a table, for a terminal too narrow for one. */
function renderList(
  rows: readonly DemoSummary[],
  names: readonly string[],
  theme: Theme,
  width: number,
): string {
  return rows
    .map((row, index) => {
      const figures = row.headlines.map(
        (headline, n) => `${comparedLines(row)[n] ?? ''}: ${speedupCell(headline)}`,
      );
      const lines = [
        theme.chalk.bold(names[index] ?? row.demo),
        ...(figures.length ? figures : ['—']),
      ];
      if (row.lesson !== null) lines.push(theme.chalk.dim(lessonText(row)));
      return lines.map((line, n) => wrap(n === 0 ? line : `  ${line}`, width, 4)).join('\n');
    })
    .join('\n')
    .concat('\n');
}
