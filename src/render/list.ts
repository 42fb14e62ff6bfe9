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

/** `async-demos list`: every demo, its variants and what it shows. */
export function renderList(demos: readonly Demo[], theme: Theme): string {
  const table = createTable(['Demo', 'Variants', 'What it shows'], theme);
  for (const entry of listEntries(demos)) {
    table.push([theme.chalk.bold(entry.name), entry.variants.join(', '), entry.summary]);
  }
  return `${table.toString()}\n\nRun one with 'async-demos <demo>', for example 'async-demos breakfast'.\n`;
}

export function renderListJson(demos: readonly Demo[]): string {
  return `${JSON.stringify(listEntries(demos), null, 2)}\n`;
}
