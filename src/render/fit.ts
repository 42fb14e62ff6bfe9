import { visibleWidth } from './text.js';

/**
 * Column widths (padding included) that fit a table into `width` columns with its borders: the
 * natural widths when they fit; else headers wrap at word boundaries first, then text cells, never
 * narrower than their longest word (numbers never wrap); null when even that is too wide (the caller stacks the table
 * instead). `rows[0]` is the header.
 */
export function fitColumns(
  rows: readonly (readonly string[])[],
  width: number,
  /** Columns whose cells may wrap too (text); the others (numbers, names) never do. */
  breakable: readonly boolean[] = [],
  /** Columns of padding in each cell: cli-table3 puts a space on each side. */
  padding = 2,
): number[] | null {
  const [head = [], ...body] = rows;
  const count = Math.max(0, ...rows.map((row) => row.length));
  const column = (i: number, cells: readonly (readonly string[])[]) =>
    cells.map((row) => row[i] ?? '');
  const indexes = Array.from({ length: count }, (_, i) => i);
  const widest = (cells: readonly string[], measure: (text: string) => number) =>
    Math.max(0, ...cells.map(measure)) + padding;
  const natural = indexes.map((i) => widest(column(i, rows), visibleWidth));
  // A header may wrap before any cell does: "Peak in flight" over a column of numbers.
  const headersWrapped = indexes.map((i) =>
    Math.max(widest(column(i, body), visibleWidth), longestWord(head[i] ?? '') + padding),
  );
  const textWrapped = indexes.map((i) =>
    breakable[i] === true ? widest(column(i, rows), longestWord) : (headersWrapped[i] ?? 0),
  );
  const room = width - (count + 1);
  const widths = [...natural];
  for (const floor of [headersWrapped, textWrapped]) {
    shrink(widths, floor, sum(widths) - room);
  }
  return sum(widths) <= room ? widths : null;
}

/** Takes `excess` columns from the columns with the most above their floor, one at a time. */
function shrink(widths: number[], floor: readonly number[], excess: number): void {
  for (let left = excess; left > 0; left--) {
    let best = -1;
    let bestSlack = 0;
    widths.forEach((w, i) => {
      const slack = w - (floor[i] ?? w);
      if (slack > bestSlack) [best, bestSlack] = [i, slack];
    });
    if (best < 0) return;
    widths[best] = (widths[best] ?? 0) - 1;
  }
}

function longestWord(text: string): number {
  return Math.max(0, ...text.split(/\s+/).map(visibleWidth));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
