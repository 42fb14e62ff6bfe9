import type { AnyDemo } from '../engine/demo.js';
import { createTable } from './table.js';
import type { Theme } from './theme.js';

export interface ListEntry {
  name: string;
  summary: string;
  variants: string[];
}

export function listEntries(demos: readonly AnyDemo[]): ListEntry[] {
  return demos.map((demo) => ({
    name: demo.name,
    summary: demo.summary,
    variants: Object.keys(demo.variants),
  }));
}

/** `async-demos list`: every demo, its variants and what it shows, fitted to `width` columns. */
export function renderList(demos: readonly AnyDemo[], theme: Theme, width = 80): string {
  const entries = listEntries(demos);
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
  return `${table.toString()}\n\nRun a demo by its name, for example 'async-demos breakfast'.\n`;
}

export function renderListJson(demos: readonly AnyDemo[]): string {
  return `${JSON.stringify(listEntries(demos), null, 2)}\n`;
}
