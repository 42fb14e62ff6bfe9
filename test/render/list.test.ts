import { describe, expect, it } from 'vitest';
import breakfast from '../../demos/breakfast.js';
import { defineDemo } from '../../src/engine/demo.js';
import { listEntries, renderList, renderListJson } from '../../src/render/list.js';
import { visibleWidth } from '../../src/render/text.js';
import { colored, plain } from './fixtures.js';

const noop = { summary: 's', ideal: () => null, run: () => Promise.resolve() };
const other = defineDemo({
  name: 'semaphore',
  summary: 'limiting concurrency: never more than the limit running at once, and how long it takes',
  options: {},
  variants: { limited: noop, sequential: noop, unlimited: noop },
});
// Fixed demos, so that adding one to the registry does not change these tables.
const demos = [breakfast, other];

describe('renderList', () => {
  it('shows every demo with its variants and summary, fitted to 80 columns', () => {
    expect(renderList([breakfast], plain(), 80)).toBe(
      [
        '┌───────────┬──────────────────────────┬───────────────────────────────────────┐',
        '│ Demo      │ Variants                 │ What it shows                         │',
        '├───────────┼──────────────────────────┼───────────────────────────────────────┤',
        '│ breakfast │ blocking, sequential,    │ coffee and toast: blocking, one after │',
        '│           │ concurrent               │ the other, or both at once            │',
        '└───────────┴──────────────────────────┴───────────────────────────────────────┘',
        '',
        "Run a demo by its name, for example 'async-demos breakfast'.",
        '',
      ].join('\n'),
    );
  });

  it.each([60, 80, 100, 120])('keeps every line within %d columns', (width) => {
    const lines = renderList(demos, plain(), width).split('\n');
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
    expect(visibleWidth(lines[0] ?? '')).toBe(width);
  });

  it('carries escape codes only with colour', () => {
    expect(renderList(demos, plain())).not.toContain('\x1b');
    expect(renderList(demos, colored())).toContain('\x1b[1mbreakfast\x1b[22m');
  });
});

describe('renderListJson', () => {
  it('is an array of {name, summary, variants} in the order given', () => {
    expect(JSON.parse(renderListJson(demos))).toEqual([
      {
        name: 'breakfast',
        summary: 'coffee and toast: blocking, one after the other, or both at once',
        variants: ['blocking', 'sequential', 'concurrent'],
      },
      {
        name: 'semaphore',
        summary: other.summary,
        variants: ['limited', 'sequential', 'unlimited'],
      },
    ]);
    expect(listEntries(demos)).toEqual(JSON.parse(renderListJson(demos)));
  });
});
