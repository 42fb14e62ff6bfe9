import type { LogLine } from '../engine/recorder.js';
import { formatTimestamp } from '../engine/format.js';
import { MAX_LABEL_WIDTH, padEnd, padStart, truncate } from './text.js';
import type { Theme } from './theme.js';

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
