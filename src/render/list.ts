import type { AnyDemo } from '../engine/demo.js';
import { createTable } from './table.js';
import type { Theme } from './theme.js';

export interface ListEntry {
  name: string;
  summary: string;
  variants: string[];
}

/** A demo as `list` shows it: also which variants are opt-in (generated/list.json holds these). */
export interface ListRow extends ListEntry {
  optIn: string[];
}

export function listEntries(demos: readonly AnyDemo[]): ListEntry[] {
  return demos.map((demo) => ({
    name: demo.name,
    summary: demo.summary,
    variants: Object.keys(demo.variants),
  }));
}

export function listRows(demos: readonly AnyDemo[]): ListRow[] {
  return listEntries(demos).map((entry, i) => ({
    ...entry,
    optIn: entry.variants.filter((name) => demos[i]?.variants[name]?.optIn === true),
  }));
}

/** `async-demos list`: every demo, its variants and what it shows, fitted to `width` columns. */
export function renderList(demos: readonly AnyDemo[], theme: Theme, width = 80): string {
  return renderListRows(listRows(demos), theme, width);
}

export function renderListRows(rows: readonly ListRow[], theme: Theme, width = 80): string {
  // An opt-in variant (a long sweep, another workload) is marked: a full run leaves it out.
  const entries = rows.map((row) => ({
    ...row,
    variants: row.variants.map((name) => (row.optIn.includes(name) ? `${name}*` : name)),
  }));
  const anyOptIn = entries.some((entry) => entry.variants.some((name) => name.endsWith('*')));
  const nameWidth = Math.max(4, ...entries.map((entry) => entry.name.length)) + 2;
  // Four border characters; on a narrow terminal the variants give up room before the summary.
  const room = width - nameWidth - 4;
  const variantWidth = Math.min(
    26,
    Math.max(14, Math.floor(room * 0.45)),
    Math.max(...entries.map((entry) => entry.variants.join(', ').length)) + 2,
  );
  // What is left, but never so little that the summary is unreadable.
  const summaryWidth = Math.max(16, room - variantWidth);
  const table = createTable(['Demo', 'Variants', 'What it shows'], theme, undefined, {
    colWidths: [nameWidth, variantWidth, summaryWidth],
    wordWrap: true,
  });
  for (const entry of entries) {
    table.push([theme.chalk.bold(entry.name), entry.variants.join(', '), entry.summary]);
  }
  const footnote = anyOptIn
    ? '* runs only when its flag is given, not in a run of every variant\n'
    : '';
  return `${table.toString()}\n${footnote}\nRun a demo by its name, for example 'async-demos breakfast'.\n`;
}

export function renderListJson(demos: readonly AnyDemo[]): string {
  return renderListRowsJson(listRows(demos));
}

export function renderListRowsJson(rows: readonly ListRow[]): string {
  const entries: ListEntry[] = rows.map(({ name, summary, variants }) => ({
    name,
    summary,
    variants,
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}
