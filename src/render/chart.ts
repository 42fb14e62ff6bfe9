import type { ChalkInstance } from 'chalk';
import { PHASE_NAMES, type Phase, type Sample, type TaskSpan } from '../engine/recorder.js';
import type { RunResult } from '../engine/run-result.js';
import { HEARTBEAT_COUNTER } from '../engine/heartbeat.js';
import { withoutTwinSuffix } from '../engine/twin-names.js';
import { formatTimestamp } from '../engine/format.js';
import { heartbeatCells, heartbeatLegend, heartbeatStatus } from './heartbeat.js';
import { MAX_LABEL_WIDTH, padEnd, truncate, visibleWidth } from './text.js';
import { PHASE_FILL, PHASE_LEGEND, type Theme } from './theme.js';

export interface ChartOptions {
  /** Columns available: the terminal's width, or 80 when the output is not a terminal. */
  width: number;
  theme: Theme;
  /**
   * The milliseconds the axis spans, shared by every chart of a demo so that a variant half as
   * long draws half as wide; the run's own span when absent, and never less than it.
   */
  spanMs?: number;
  /** The label column's width, shared like the axis so that every bar is as wide. */
  labelWidth?: number;
  /** Room kept for the status column, likewise; the run's widest status when absent. */
  statusWidth?: number;
}

/** Room for a lane's status (`✓ 12.345 s`, `stall 501 ms`) that keeps bars of one width. */
export const STATUS_ROOM = 12;

/** A lane's cells: a character and how to colour it (identity when uncoloured). */
interface Cell {
  char: string;
  paint: ChalkInstance | null;
}

interface Lane {
  label: string;
  labelPaint: ChalkInstance | null;
  cells: Cell[];
  status: string;
}

const MIN_BAR_WIDTH = 10;
const SPARKS = ' ▁▂▃▄▅▆▇█';
const RETURNED = '▲';

/**
 * The timeline of one run: a lane per task (running, waiting and blocked phases drawn apart, the
 * end status at the right), a lane per counter (a sparkline), and a time axis underneath.
 */
export function renderChart(run: RunResult, options: ChartOptions): string {
  const { width, theme, spanMs = 0 } = options;
  const span = Math.max(spanMs, timelineSpan(run));
  const counters = Object.entries(run.counters);
  const labelWidth = Math.max(options.labelWidth ?? 0, chartLabelWidth(run));
  const statuses = [
    ...run.tasks.map((task) => taskStatus(task, theme)),
    ...counters.map(([name, samples]) =>
      isHeartbeat(name) ? heartbeatStatus(samples) : `max ${peak(samples)}`,
    ),
  ];
  const statusWidth = Math.max(options.statusWidth ?? 0, widest(statuses));
  const barWidth = Math.max(MIN_BAR_WIDTH, width - labelWidth - statusWidth - 7);
  const toCell = (ms: number) => Math.round((ms / span) * barWidth);

  const lanes: Lane[] = [
    ...run.tasks.map((task, i) => ({
      label: task.name,
      labelPaint: theme.task(task.name),
      cells: taskCells(task, span, barWidth, toCell, theme),
      status: statuses[i] ?? '',
    })),
    ...counters.map(([name, samples], i) => ({
      label: name,
      labelPaint: null,
      cells: isHeartbeat(name)
        ? heartbeatCells(samples, span, barWidth, theme)
        : sparkline(samples, span, barWidth, theme),
      status: statuses[run.tasks.length + i] ?? '',
    })),
  ];
  const indent = ' '.repeat(labelWidth + 4);
  const lines = lanes.map((lane) => {
    const label = padEnd(truncate(lane.label, labelWidth), labelWidth);
    const shown = lane.labelPaint ? lane.labelPaint(label) : label;
    return `  ${shown}  │${paint(lane.cells)}│ ${lane.status}`;
  });
  const returnedAt = returnColumn(run, span, barWidth);
  lines.push(
    ...axis(span, barWidth, statusWidth, returnedAt).map((line) => indent + theme.chalk.dim(line)),
  );
  // The legend names what the bars show: a phase too short to draw is not in it.
  const drawn = new Set(
    lanes.slice(0, run.tasks.length).flatMap((l) => l.cells.map((c) => c.char)),
  );
  const legend = legendFor(run, theme, returnedAt !== null, width - indent.length, drawn);
  lines.push(...legend.map((line) => indent + line));
  return lines.map((line) => line.trimEnd() + '\n').join('');
}

/** The heartbeat's lane, also an asyncio twin's beside ours (`heartbeat · py`). */
function isHeartbeat(counter: string): boolean {
  return withoutTwinSuffix(counter) === HEARTBEAT_COUNTER;
}

/** The label column a run needs: its longest task or counter name, up to the cut. */
export function chartLabelWidth(run: RunResult): number {
  const labels = [...run.tasks.map((t) => t.name), ...Object.keys(run.counters)];
  return Math.min(MAX_LABEL_WIDTH, widest(labels));
}

/** From 0 to the last thing that happened: the end of the run or of work it left behind. */
export function timelineSpan(run: RunResult): number {
  let end = run.elapsedMs;
  for (const task of run.tasks) end = Math.max(end, task.endMs ?? task.startMs);
  for (const samples of Object.values(run.counters)) {
    end = Math.max(end, samples.at(-1)?.atMs ?? 0);
  }
  return end > 0 ? end : 1;
}

function taskCells(
  task: TaskSpan,
  span: number,
  barWidth: number,
  toCell: (ms: number) => number,
  theme: Theme,
): Cell[] {
  const cells: Cell[] = Array.from({ length: barWidth }, () => ({ char: ' ', paint: null }));
  const color = theme.task(task.name);
  const cellMs = span / barWidth;
  const isSliver = (phase: Phase) => (phase.endMs ?? span) - phase.startMs < cellMs / 2;
  // A sliver of code between two awaits is not worth a cell of its own over what surrounds it;
  // a task made of slivers only is still drawn.
  const skipSlivers = task.phases.some((phase) => !isSliver(phase));
  for (const phase of task.phases) {
    if (skipSlivers && isSliver(phase)) continue;
    // Both ends round to the nearest cell boundary, so that a phase starting where another ends
    // starts in the next cell: one after the other never draws as overlapping.
    const from = Math.min(toCell(phase.startMs), barWidth - 1);
    // Every phase that happened gets at least one cell, even an instant one.
    const to = Math.max(from + 1, toCell(phase.endMs ?? span));
    const cell: Cell = {
      char: PHASE_FILL[phase.name],
      paint: phase.name === 'waiting' || phase.name === 'awaiting' ? color.dim : color,
    };
    for (let i = from; i < Math.min(to, barWidth); i++) cells[i] = cell;
  }
  return cells;
}

function taskStatus(task: TaskSpan, theme: Theme): string {
  const end = task.endMs === null ? '' : ` ${formatTimestamp(task.endMs)}`;
  return `${theme.status(task.status)}${end}`;
}

/** The counter's highest value within each cell, as a bar of eighths. */
function sparkline(
  samples: readonly Sample[],
  span: number,
  barWidth: number,
  theme: Theme,
): Cell[] {
  const top = peak(samples);
  const cells: Cell[] = [];
  let next = 0;
  let current = 0;
  for (let i = 0; i < barWidth; i++) {
    const cellEnd = ((i + 1) / barWidth) * span;
    let highest = current;
    while (next < samples.length && (samples[next]?.atMs ?? Infinity) < cellEnd) {
      current = samples[next]?.value ?? 0;
      highest = Math.max(highest, current);
      next++;
    }
    const level = top > 0 ? Math.ceil((highest / top) * (SPARKS.length - 1)) : 0;
    cells.push({ char: SPARKS[level] ?? ' ', paint: theme.chalk.cyan });
  }
  return cells;
}

function peak(samples: readonly Sample[]): number {
  return samples.reduce((top, sample) => Math.max(top, sample.value), 0);
}

/**
 * Where the variant returned, when work it started but did not wait for (fail-fast's orphans, a
 * forgotten await) went on after it: the moment the caller moved on is worth seeing.
 */
function returnColumn(run: RunResult, span: number, barWidth: number): number | null {
  if (run.interrupted) return null;
  const column = Math.floor((run.elapsedMs / span) * barWidth);
  const lastColumn = Math.floor((timelineSpan(run) / span) * barWidth);
  return column < lastColumn - 1 ? column : null;
}

/** The axis line with ticks at round times (and ▲ where the variant returned), and the labels. */
function axis(
  span: number,
  barWidth: number,
  statusWidth: number,
  returnedAt: number | null,
): [string, string] {
  const step = tickStep(span, barWidth);
  const line = Array.from({ length: barWidth }, () => '─');
  let labels = '';
  for (let t = 0; t <= span + step * 1e-9; t += step) {
    const col = Math.min(barWidth - 1, Math.floor((t / span) * barWidth));
    line[col] = '┬';
    const text = tickLabel(t, step);
    // Column 0 of the label line sits under the left border. A label may run on under the status
    // column; one that would run past it ends at its tick instead.
    let start = col + 1;
    if (start + text.length > barWidth + 3 + statusWidth) start = col + 2 - text.length;
    if (start > labels.length) labels = padEnd(labels, start) + text;
  }
  if (returnedAt !== null) line[returnedAt] = RETURNED;
  return [`└${line.join('')}┘`, labels];
}

/** The smallest round step (1, 2 or 5 times a power of ten) whose labels have room. */
function tickStep(span: number, barWidth: number): number {
  const maxTicks = Math.max(1, Math.floor(barWidth / 9));
  for (let magnitude = 10 ** Math.floor(Math.log10(span / maxTicks)); ; magnitude *= 10) {
    for (const factor of [1, 2, 5]) {
      if (span / (factor * magnitude) <= maxTicks) return factor * magnitude;
    }
  }
}

function tickLabel(ms: number, step: number): string {
  if (step >= 1000) return `${Number((ms / 1000).toFixed(3))} s`;
  return `${Number(ms.toFixed(3))} ms`;
}

function legendFor(
  run: RunResult,
  theme: Theme,
  returnedEarly: boolean,
  room: number,
  drawn: ReadonlySet<string>,
): string[] {
  const phases = new Set(PHASE_NAMES.filter((name) => drawn.has(PHASE_FILL[name])));
  const statuses = new Set(run.tasks.map((task) => task.status));
  const parts = [
    ...PHASE_NAMES.filter((name) => phases.has(name)).map(
      (name) => `${PHASE_FILL[name]} ${PHASE_LEGEND[name]}`,
    ),
    ...(['ok', 'error', 'cancelled'] as const)
      .filter((status) => statuses.has(status))
      .map((status) => `${theme.status(status)} ${status}`),
    ...(Object.keys(run.counters).some(isHeartbeat) ? [heartbeatLegend(theme)] : []),
  ];
  if (returnedEarly) parts.push(`${RETURNED} ${run.variant} returned`);
  return wrapParts(parts, room);
}

/** Legend entries joined two spaces apart, on as many lines as `room` columns need. */
function wrapParts(parts: readonly string[], room: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    const joined = line === '' ? part : `${line}  ${part}`;
    if (line !== '' && visibleWidth(joined) > room) {
      lines.push(line);
      line = part;
    } else line = joined;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Paints runs of equal cells at once, so that a bar costs one pair of escape codes. */
function paint(cells: readonly Cell[]): string {
  let out = '';
  let run = '';
  let previous: Cell | undefined;
  const flush = () => {
    if (previous?.paint) out += previous.paint(run);
    else out += run;
  };
  for (const cell of cells) {
    if (previous && (cell.paint !== previous.paint || cell.char !== previous.char)) {
      flush();
      run = '';
    }
    run += cell.char;
    previous = cell;
  }
  flush();
  return out;
}

function widest(texts: readonly string[]): number {
  return texts.reduce((most, text) => Math.max(most, visibleWidth(text)), 0);
}
