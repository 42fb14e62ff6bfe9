import type { LogLine } from '../engine/recorder.js';
import { formatTimestamp } from '../engine/format.js';
import { MAX_LABEL_WIDTH, padEnd, padStart, truncate, wrap } from './text.js';
import type { Theme } from './theme.js';

const TIME_WIDTH = 8;

/**
 * One line of the live log: when, which task (in its colour), what. A message longer than the
 * line wraps at word boundaries and goes on under itself, clear of the time and task columns.
 */
export function renderLogLine(
  line: LogLine,
  theme: Theme,
  labelWidth: number,
  width = Infinity,
): string {
  const time = theme.chalk.dim(padStart(formatTimestamp(line.atMs), TIME_WIDTH));
  const column = Math.min(labelWidth, MAX_LABEL_WIDTH);
  const label =
    line.task === null
      ? ' '.repeat(column)
      : theme.task(line.task)(padEnd(truncate(line.task, column, 'middle'), column));
  const indent = TIME_WIDTH + 2 + column + 2;
  const message = Number.isFinite(width) ? wrap(line.message, width, indent) : line.message;
  return `${time}  ${label}  ${message}`;
}
