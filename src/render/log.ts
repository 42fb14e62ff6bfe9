import type { LogLine } from '../engine/recorder.js';
import { formatTimestamp } from '../engine/format.js';
import { padEnd, padStart, truncate, visibleWidth } from './text.js';
import type { Theme } from './theme.js';

/** As in the chart: a longer task name is cut, so that a long one does not push every line. */
const MAX_LABEL_WIDTH = 24;

/** One line of the live log: when, which task (in its colour), what. */
export function renderLogLine(line: LogLine, theme: Theme, labelWidth: number): string {
  const time = theme.chalk.dim(padStart(formatTimestamp(line.atMs), 8));
  const width = Math.min(labelWidth, MAX_LABEL_WIDTH);
  const label =
    line.task === null
      ? ' '.repeat(width)
      : theme.task(line.task)(padEnd(truncate(line.task, MAX_LABEL_WIDTH), width));
  return `${time}  ${label}  ${line.message}`;
}

/** A whole log at once, its task column as wide as the widest task name. */
export function renderLog(logs: readonly LogLine[], theme: Theme): string {
  const labelWidth = logs.reduce(
    (width, line) => Math.max(width, visibleWidth(line.task ?? '')),
    0,
  );
  return logs.map((line) => renderLogLine(line, theme, labelWidth) + '\n').join('');
}
