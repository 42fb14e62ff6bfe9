import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/** A task name longer than this is cut, in the chart and the log alike. */
export const MAX_LABEL_WIDTH = 24;

/** Columns a string takes in a terminal: escape codes take none, most emoji take two. */
export function visibleWidth(text: string): number {
  return stringWidth(text);
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - visibleWidth(text))) + text;
}

/**
 * Cuts text to at most `width` columns, marking the cut with an ellipsis: at the end, or in the
 * middle where both ends say something (a URL's host and its path).
 */
export function truncate(text: string, width: number, position: 'end' | 'middle' = 'end'): string {
  const limit = Math.max(1, width);
  let cut = cliTruncate(text, limit, { position });
  // cli-truncate can leave a wide character (an emoji, two columns) straddling the limit.
  for (let room = limit - 1; visibleWidth(cut) > limit && room > 0; room -= 1) {
    cut = cliTruncate(text, room, { position });
  }
  return cut;
}

/**
 * Wraps text at word boundaries to `width` columns. Every line after the first starts with
 * `indent` spaces, so that a wrapped message stays in its column.
 */
export function wrap(text: string, width: number, indent = 0): string {
  const room = Math.max(10, width - indent);
  // Every line, the first too, gets the room left by the indent: whatever stands before the first
  // line (a log line's time and task) takes the indent's width.
  const [first = '', ...rest] = wrapAnsi(text, room, { hard: true, trim: true }).split('\n');
  return [first, ...rest.map((line) => ' '.repeat(indent) + line)].join('\n');
}
