import { describe, expect, it } from 'vitest';
import { registry } from '../../demos/index.js';
import { defineDemo, type AnyDemo } from '../../src/engine/demo.js';
import type { RunResult } from '../../src/engine/run-result.js';
import { visibleWidth } from '../../src/render/text.js';
import {
  renderSummaryNote,
  renderTourSummary,
  summarizeDemo,
  type DemoSummary,
} from '../../src/render/tour-summary.js';
import { plain, run } from './fixtures.js';

const variant = (extra: object = {}) => ({
  summary: 's',
  ideal: () => null,
  run: async () => {},
  ...extra,
});

const breakfast = defineDemo({
  name: 'breakfast',
  summary: 'coffee and toast',
  lesson: 'Start both dishes, then await both: the waits overlap; blocking never.',
  options: {},
  variants: { blocking: variant(), sequential: variant(), concurrent: variant() },
});

const cpuVsIo = defineDemo({
  name: 'cpu-vs-io',
  summary: 'cpu and io',
  lesson: 'Concurrency overlaps waiting, not computing: CPU work needs threads.',
  options: {},
  variants: {
    sequential: variant({ group: 'cpu' }),
    threads: variant({ group: 'cpu' }),
    'io-sequential': variant({ group: 'io' }),
    'io-concurrent': variant({ group: 'io' }),
  },
});

const pitfalls = defineDemo({
  name: 'pitfalls',
  summary: 'mistakes',
  options: {},
  variants: {
    'forgotten-await': variant({ group: 'forgotten-await' }),
    awaited: variant({ group: 'awaited' }),
    'blocking-read': variant({ group: 'read', rankBy: { stat: 'loopMs', label: 'loop delay' } }),
    'async-read': variant({ group: 'read', rankBy: { stat: 'loopMs', label: 'loop delay' } }),
  },
});

const timed = (variant: string, elapsedMs: number, extra: Partial<RunResult> = {}) =>
  run({ variant, elapsedMs, ...extra });

describe('summarizeDemo', () => {
  it('compares the slowest variant with the fastest, by time', () => {
    const runs = [timed('blocking', 1004), timed('sequential', 1200), timed('concurrent', 600)];
    expect(summarizeDemo({ demo: breakfast, runs, status: 'ran' })).toEqual({
      demo: 'breakfast',
      status: 'ran',
      lesson: breakfast.lesson,
      headlines: [
        { group: null, slowest: 'sequential', fastest: 'concurrent', speedup: 2, by: null },
      ],
    });
  });

  it('of variants within noise of each other (2 ms + 1%), names the first: stable from run to run', () => {
    for (const [blocking, sequential] of [
      [1004, 1001],
      [1001, 1004],
    ] as const) {
      const runs = [
        timed('blocking', blocking),
        timed('sequential', sequential),
        timed('concurrent', 500),
      ];
      const [headline] = summarizeDemo({ demo: breakfast, runs, status: 'ran' }).headlines;
      expect(headline?.slowest).toBe('blocking');
      expect(headline?.speedup).toBeCloseTo(blocking / 500, 10);
    }
  });

  it('still compares two variants that took the same time: a speedup of about 1', () => {
    const runs = [timed('sequential', 600), timed('threads', 601)];
    const [headline] = summarizeDemo({ demo: cpuVsIo, runs, status: 'ran' }).headlines;
    expect(headline).toMatchObject({ slowest: 'sequential', fastest: 'threads' });
  });

  it('one headline per group of variants doing the same work', () => {
    const runs = [
      timed('sequential', 600),
      timed('threads', 300),
      timed('io-sequential', 600),
      timed('io-concurrent', 200),
    ];
    const { headlines } = summarizeDemo({ demo: cpuVsIo, runs, status: 'ran' });
    expect(headlines).toEqual([
      { group: 'cpu', slowest: 'sequential', fastest: 'threads', speedup: 2, by: null },
      { group: 'io', slowest: 'io-sequential', fastest: 'io-concurrent', speedup: 3, by: null },
    ]);
  });

  it("by the group's own measure where it is ranked by one; a group of one compares nothing", () => {
    const runs = [
      timed('forgotten-await', 100),
      timed('awaited', 260),
      timed('blocking-read', 14, { stats: { loopMs: 12 } }),
      timed('async-read', 16, { stats: { loopMs: 1.5 } }),
    ];
    const { headlines, lesson } = summarizeDemo({ demo: pitfalls, runs, status: 'ran' });
    expect(lesson).toBeNull();
    expect(headlines).toEqual([
      {
        group: 'read',
        slowest: 'blocking-read',
        fastest: 'async-read',
        speedup: 8,
        by: { stat: 'loopMs', label: 'loop delay' },
      },
    ]);
  });

  it('leaves out a run Ctrl-C cut short, and has no speedup when the fastest measured 0', () => {
    const stopped = [timed('blocking', 1000), timed('sequential', 10, { interrupted: true })];
    expect(summarizeDemo({ demo: breakfast, runs: stopped, status: 'stopped' }).headlines).toEqual(
      [],
    );
    const runs = [
      timed('blocking-read', 14, { stats: { loopMs: 12 } }),
      timed('async-read', 16, { stats: { loopMs: 0 } }),
    ];
    const [headline] = summarizeDemo({ demo: pitfalls, runs, status: 'ran' }).headlines;
    expect(headline?.speedup).toBeNull();
  });
});

const rows: DemoSummary[] = [
  summarizeDemo({
    demo: breakfast,
    runs: [timed('blocking', 1004), timed('sequential', 1001), timed('concurrent', 600)],
    status: 'ran',
  }),
  summarizeDemo({
    demo: cpuVsIo,
    runs: [
      timed('sequential', 612),
      timed('threads', 357),
      timed('io-sequential', 601),
      timed('io-concurrent', 203),
    ],
    status: 'ran',
  }),
  summarizeDemo({
    demo: pitfalls,
    runs: [
      timed('blocking-read', 14.6, { stats: { loopMs: 13.4 } }),
      timed('async-read', 12.6, { stats: { loopMs: 1.2 } }),
    ],
    status: 'ran',
  }),
  summarizeDemo({ demo: breakfast, runs: [timed('blocking', 10)], status: 'stopped' }),
];

describe('renderTourSummary', () => {
  it('a row per demo, a line per headline, the lesson across the table under it', () => {
    expect(renderTourSummary(rows, { theme: plain(), width: 80 })).toMatchInlineSnapshot(`
      "┌─────────────────────┬──────────────────────────────────────────────┬─────────┐
      │ Demo                │ Slowest vs fastest                           │ Speedup │
      ├─────────────────────┼──────────────────────────────────────────────┼─────────┤
      │ breakfast           │ blocking vs concurrent                       │   1.67× │
      │ → Start both dishes, then await both: the waits overlap; blocking never.     │
      │ cpu-vs-io           │ sequential vs threads                        │   1.71× │
      │                     │ io-sequential vs io-concurrent               │   2.96× │
      │ → Concurrency overlaps waiting, not computing: CPU work needs threads.       │
      │ pitfalls            │ blocking-read vs async-read, by loop delay   │  11.17× │
      │ breakfast (stopped) │ —                                            │       — │
      │ → Start both dishes, then await both: the waits overlap; blocking never.     │
      └──────────────────────────────────────────────────────────────────────────────┘
      "
    `);
  });

  it('fits every width from 40 columns', () => {
    for (const width of [40, 50, 60, 80, 120]) {
      const text = renderTourSummary(rows, { theme: plain(), width });
      for (const line of text.split('\n'))
        expect(visibleWidth(line), line).toBeLessThanOrEqual(width);
      expect(text).toContain('cpu-vs-io');
      expect(text).toContain('needs threads.');
    }
  });

  it('says what the speedup compares', () => {
    expect(renderSummaryNote(plain(), 80)).toBe(
      'Speedup: the slowest variant over the fastest, by time unless named.\n',
    );
  });
});

describe('every registered demo', () => {
  it.each(registry.map((demo): [string, AnyDemo] => [demo.name, demo]))(
    '%s has a lesson of one line of at most 72 characters',
    (_, demo) => {
      expect(demo.lesson).toBeTypeOf('string');
      expect(demo.lesson).not.toContain('\n');
      expect(visibleWidth(demo.lesson ?? '')).toBeLessThanOrEqual(72);
    },
  );
});
