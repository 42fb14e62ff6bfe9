import type { AnyDemo } from '../engine/demo.js';
import type { RunResult } from '../engine/run-result.js';
import { formatDifference, formatDuration } from '../engine/format.js';
import { visibleWidth, wrap } from './text.js';
import type { Theme } from './theme.js';

/** The lines that frame a session: the demo, then each variant as it starts and ends. */
export function renderDemoHeader(
  demo: AnyDemo,
  { scale, seed }: { scale: number; seed: number },
  theme: Theme,
  notes: readonly string[] = [],
  width = 80,
): string {
  const { chalk } = theme;
  return (
    `${wrap(`${chalk.bold(demo.name)} — ${demo.summary}`, width, 2)}\n` +
    chalk.dim(`scale ${scale} · seed ${seed}`) +
    '\n' +
    notes.map((note) => chalk.dim(wrap(note, width, 2)) + '\n').join('')
  );
}

export function renderVariantHeader(
  variant: string,
  summary: string,
  idealMs: number | null,
  theme: Theme,
  width = 80,
): string {
  const { chalk } = theme;
  const lines = wrap(`${chalk.cyan('▶')} ${chalk.bold(variant)}: ${summary}`, width, 2).split('\n');
  if (idealMs !== null) {
    // "ideal 500 ms" stays whole: on the last line when it fits there, else on a line of its own.
    const ideal = `· ideal ${formatDuration(idealMs)}`;
    const last = lines.pop() ?? '';
    if (visibleWidth(last) + 1 + visibleWidth(ideal) <= width) {
      lines.push(`${last} ${chalk.dim(ideal)}`);
    } else lines.push(last, `  ${chalk.dim(ideal)}`);
  }
  return `\n${lines.join('\n')}\n`;
}

export function renderRunSummary(run: RunResult, theme: Theme): string {
  const { chalk } = theme;
  const verb = run.interrupted ? chalk.yellow('stopped by Ctrl-C after') : 'took';
  let ideal = '';
  if (run.idealMs !== null) {
    ideal = ` · ideal ${formatDuration(run.idealMs)}`;
    // A run cut short says nothing about the runner's overhead.
    if (!run.interrupted) ideal += ` · ${formatDifference(run.elapsedMs - run.idealMs)}`;
  }
  return `${chalk.cyan('■')} ${chalk.bold(run.variant)} ${verb} ${formatDuration(run.elapsedMs)}${chalk.dim(ideal)}\n\n`;
}

export function renderComparisonTitle(theme: Theme, grouped = false, width = 80): string {
  const against = grouped ? 'the slowest variant doing the same work' : 'the slowest variant';
  const title = wrap(`Comparison (speedup against ${against})`, width);
  const [first = '', ...rest] = title.split('\n');
  const head = first.replace(/^Comparison/, theme.chalk.bold('Comparison'));
  const lines = [
    head.replace(/\(.*$/, (part) => theme.chalk.dim(part)),
    ...rest.map((line) => theme.chalk.dim(line)),
  ];
  return `\n${lines.join('\n')}\n`;
}

export function renderPassesTitle(variant: string, theme: Theme): string {
  return `${theme.chalk.bold(`Passes of ${variant}`)} ${theme.chalk.dim('(speedup against the slowest pass)')}\n`;
}
