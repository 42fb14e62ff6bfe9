import stringWidth from 'string-width';

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

/** Cuts plain text to at most `width` columns, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (visibleWidth(out + char) > width - 1) break;
    out += char;
  }
  return out + '…';
}
