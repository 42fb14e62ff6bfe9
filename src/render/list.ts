import type { Demo } from '../demo.js';
import { createTable } from './table.js';
import type { Theme } from './theme.js';

export interface ListEntry {
  name: string;
  summary: string;
  variants: string[];
}

export function listEntries(demos: readonly Demo[]): ListEntry[] {
  return demos.map((demo) => ({
    name: demo.name,
    summary: demo.summary,
    variants: Object.keys(demo.variants),
  }));
}

/** `async-demos list`: every demo, its variants and what it shows, fitted to `width` columns. */
export function renderList(demos: readonly Demo[], theme: Theme, width = 80): string {
  const entries = listEntries(demos);
  const nameWidth = Math.max(4, ...entries.map((entry) => entry.name.length)) + 2;
  const variantWidth = Math.min(
    26,
    Math.max(...entries.map((entry) => entry.variants.join(', ').length)) + 2,
  );
  // Four border characters; the summary gets what is left, but never so little it is unreadable.
  const summaryWidth = Math.max(24, width - nameWidth - variantWidth - 4);
  const table = createTable(['Demo', 'Variants', 'What it shows'], theme, undefined, {
    colWidths: [nameWidth, variantWidth, summaryWidth],
    wordWrap: true,
  });
  for (const entry of entries) {
    table.push([theme.chalk.bold(entry.name), entry.variants.join(', '), entry.summary]);
  }
  return `${table.toString()}\n\nRun one with 'async-demos <demo>', for example 'async-demos breakfast'.\n`;
}

export function renderListJson(demos: readonly Demo[]): string {
  return `${JSON.stringify(listEntries(demos), null, 2)}\n`;
}
