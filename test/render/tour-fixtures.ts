import { defineDemo } from '../../src/engine/demo.js';
import { summarizeDemo, type TourDemoResult } from '../../src/render/tour-summary.js';
import { run, task } from './fixtures.js';

const variant = { summary: 's', ideal: () => null, run: async () => {} };
const demo = (name: string, lesson?: string) =>
  defineDemo({
    name,
    summary: `${name} <summary>`,
    ...(lesson ? { lesson } : {}),
    options: {},
    variants: { sequential: variant, concurrent: variant },
  });

const timed = (variant: string, elapsedMs: number) =>
  run({
    variant,
    elapsedMs,
    idealMs: elapsedMs,
    tasks: [task('a', [['awaiting', 0, elapsedMs]])],
    logs: [{ atMs: elapsedMs, task: 'a', message: 'done' }],
    counters: { depth: [{ atMs: 0, value: 1 }] },
  });

/** Two demos as the tour ran them: one ran both variants, one failed after the first. */
export const results: TourDemoResult[] = [
  {
    demo: demo('breakfast', 'Start both dishes.'),
    runs: [timed('sequential', 1000), timed('concurrent', 500.04)],
    status: 'ran',
  },
  { demo: demo('workers'), runs: [timed('sequential', 300)], status: 'failed', error: 'boom' },
];
export const summary = results.map(summarizeDemo);
