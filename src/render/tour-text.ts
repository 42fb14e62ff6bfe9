import { formatDuration } from '../engine/format.js';
import { visibleWidth, wrap } from './text.js';
import type { Theme } from './theme.js';

/** The lines that frame the tour: its first line, a rule before each demo, the pause, the end. */
export function renderTourIntro(
  { count, scale, seed }: { count: number; scale: number; seed: number },
  theme: Theme,
  width: number,
): string {
  const { chalk } = theme;
  const what =
    count === 1
      ? '1 demo, with its charts and comparison table'
      : `${count} demos, each with its charts and comparison table`;
  return `${wrap(`${chalk.bold('async-demos tour')} — ${what}`, width, 2)}\n${chalk.dim(`scale ${scale} · seed ${seed}`)}\n`;
}

/** A rule across the screen that says which demo starts: "━━ 2 of 10 · workers ━━━━…". */
export function renderTourBanner(
  index: number,
  count: number,
  name: string,
  theme: Theme,
  width: number,
): string {
  const label = `━━ ${index + 1} of ${count} · ${name} `;
  const rule = label + '━'.repeat(Math.max(2, width - visibleWidth(label)));
  return `\n${theme.chalk.cyan.bold(rule)}\n`;
}

export function renderPausePrompt(
  next: string,
  index: number,
  count: number,
  theme: Theme,
): string {
  return theme.chalk.dim(
    `Press Enter for ${next} (${index + 1} of ${count}), Ctrl-C to end the tour.`,
  );
}

export interface TourEnd {
  /** Demos that ran (or began to), out of `count`. */
  done: number;
  count: number;
  elapsedMs: number;
  /** Ctrl-C stopped the tour: in demo `done`, or after it (at a pause). */
  stop?: 'in' | 'after';
}

export function renderSummaryTitle(end: TourEnd, theme: Theme, width: number): string {
  const { chalk } = theme;
  const { done, count, elapsedMs, stop } = end;
  const demos = `${count} ${count === 1 ? 'demo' : 'demos'}`;
  const took = stop
    ? chalk.yellow(`stopped by Ctrl-C ${stop} demo ${done} of ${count}`)
    : `${demos} in ${formatDuration(elapsedMs)}`;
  return `\n${wrap(`${chalk.bold('Tour summary')}: ${took}`, width, 2)}\n`;
}
