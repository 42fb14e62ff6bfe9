import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderComparison } from '../../src/render/table.js';
import { visibleWidth } from '../../src/render/text.js';
import { blocking, colored, concurrent, plain, run, sequential } from './fixtures.js';
import { repeated } from './repeated.js';

const lines = (text: string) => text.split('\n').slice(0, -1);

describe('renderComparison', () => {
  it('compares measured and ideal time, stars the fastest, and gives speedups against the slowest', () => {
    expect(
      lines(renderComparison([blocking(), sequential(), concurrent()], { theme: plain() })),
    ).toEqual([
      '┌──────────────┬──────────┬─────────┬──────────┬─────────┐',
      '│ Variant      │ Measured │   Ideal │ vs ideal │ Speedup │',
      '├──────────────┼──────────┼─────────┼──────────┼─────────┤',
      '│ blocking     │  5.000 s │ 5.000 s │  +0.4 ms │   1.00× │',
      '│ sequential   │  5.002 s │ 5.000 s │  +2.0 ms │   1.00× │',
      '│ concurrent ★ │  3.001 s │ 3.000 s │  +1.3 ms │   1.67× │',
      '└──────────────┴──────────┴─────────┴──────────┴─────────┘',
    ]);
  });

  it('compares a variant with its own group only, and gives a lone one no speedup', () => {
    const runs = [
      run({ variant: 'cpu-a', elapsedMs: 3000 }),
      run({ variant: 'cpu-b', elapsedMs: 1500 }),
      run({ variant: 'io-a', elapsedMs: 1000 }),
    ];
    const groupOf = (variant: string) => variant.split('-')[0] ?? '';
    expect(lines(renderComparison(runs, { theme: plain(), groupOf }))).toEqual([
      '┌─────────┬──────────┬─────────┐',
      '│ Variant │ Measured │ Speedup │',
      '├─────────┼──────────┼─────────┤',
      '│ cpu-a   │  3.000 s │   1.00× │',
      '│ cpu-b ★ │  1.500 s │   2.00× │',
      '│ io-a    │  1.000 s │       — │',
      '└─────────┴──────────┴─────────┘',
    ]);
  });

  it('stars no variant that is fastest only by timing noise (2 ms + 1%)', () => {
    const close = [
      run({ variant: 'settled', elapsedMs: 101.8 }),
      run({ variant: 'fail-fast', elapsedMs: 100.3 }),
    ];
    expect(renderComparison(close, { theme: plain() })).not.toContain('★');
    const clear = [close[0], run({ variant: 'fail-fast', elapsedMs: 96 })].filter(
      (r) => r !== undefined,
    );
    expect(renderComparison(clear, { theme: plain() })).toContain('fail-fast ★');
  });

  it('marks a run stopped by Ctrl-C and leaves it out of the speedups', () => {
    const stopped = { ...sequential(), interrupted: true, elapsedMs: 1234 };
    expect(lines(renderComparison([blocking(), stopped], { theme: plain() }))).toEqual([
      '┌──────────────────────┬──────────┬─────────┬──────────┐',
      '│ Variant              │ Measured │   Ideal │ vs ideal │',
      '├──────────────────────┼──────────┼─────────┼──────────┤',
      '│ blocking             │  5.000 s │ 5.000 s │  +0.4 ms │',
      '│ sequential (stopped) │  1.234 s │ 5.000 s │        — │',
      '└──────────────────────┴──────────┴─────────┴──────────┘',
    ]);
  });

  it("adds the demo's own columns and shows a missing ideal as a dash", () => {
    const peak = { header: 'Peak', stat: 'peak' };
    const runs = [
      { ...concurrent(), stats: { peak: 2 } },
      run({ variant: 'unlimited', elapsedMs: 10, stats: { peak: 5 } }),
    ];
    expect(lines(renderComparison(runs, { theme: plain(), columns: [peak] }))).toEqual([
      '┌─────────────┬──────────┬─────────┬──────────┬─────────┬──────┐',
      '│ Variant     │ Measured │   Ideal │ vs ideal │ Speedup │ Peak │',
      '├─────────────┼──────────┼─────────┼──────────┼─────────┼──────┤',
      '│ concurrent  │  3.001 s │ 3.000 s │  +1.3 ms │   1.00× │ 2    │',
      '│ unlimited ★ │  0.010 s │       — │        — │ 300.13× │ 5    │',
      '└─────────────┴──────────┴─────────┴──────────┴─────────┴──────┘',
    ]);
  });

  it('stars nothing when a single run completed', () => {
    const table = renderComparison([concurrent(), { ...sequential(), interrupted: true }], {
      theme: plain(),
    });
    expect(table).not.toContain('★');
  });

  it('carries no escape codes without colour (cli-table3 would add its own), and some with', () => {
    const runs = [blocking(), concurrent()];
    const plainTable = renderComparison(runs, { theme: plain() });
    expect(plainTable).not.toContain('\x1b');
    const coloredTable = renderComparison(runs, { theme: colored() });
    expect(coloredTable).toContain('\x1b[');
    expect(stripVTControlCharacters(coloredTable)).toBe(plainTable);
  });
});

describe('renderComparison ranked by a stat', () => {
  it('stars the read that kept the loop free, not the one that ended first, and says why', () => {
    const blocking = run({
      variant: 'blocking-read',
      elapsedMs: 25,
      stats: { maxLoopDelayMs: 231 },
    });
    const free = run({ variant: 'async-read', elapsedMs: 43, stats: { maxLoopDelayMs: 4 } });
    const rank = { stat: 'maxLoopDelayMs', label: 'loop delay' };
    const text = renderComparison([blocking, free], { theme: plain(), rankOf: () => rank });
    expect(text).toContain('│ async-read ★ ');
    expect(text).not.toContain('blocking-read ★');
    expect(text).toContain(
      '★ by loop delay, not by time: blocking-read finished sooner (25.0 ms),\n' +
        'but its loop delay was 231 ms, against 4.0 ms for async-read.\n',
    );
  });
});

describe('renderComparison of repeated runs (--runs)', () => {
  // The note under the table explains the ★ too: a starred row is "name ★ │".
  const breakfast = () => [
    repeated('blocking', [5001, 5003, 5002], 5000),
    repeated('sequential', [5004, 5000, 5002], 5000),
    repeated('concurrent', [3002, 3001, 3003], 3000),
  ];

  it('gives mean ± σ, min … max and the speedup ± σ, and says how the ★ is given', () => {
    const runs = [
      repeated('sequential', [600, 700, 650], 600),
      repeated('threads', [300, 640, 420], 300),
    ];
    expect(lines(renderComparison(runs, { theme: plain() }))).toEqual([
      '┌────────────┬───────────────┬──────────────┬────────┬──────────┬──────────────┐',
      '│ Variant    │      Mean ± σ │    Min … max │  Ideal │ vs ideal │      Speedup │',
      '├────────────┼───────────────┼──────────────┼────────┼──────────┼──────────────┤',
      '│ sequential │ 650 ± 50.0 ms │ 600 … 700 ms │ 600 ms │ +50.0 ms │        1.00× │',
      '│ threads    │  453 ± 172 ms │ 300 … 640 ms │ 300 ms │  +153 ms │ 1.43 ± 0.56× │',
      '└────────────┴───────────────┴──────────────┴────────┴──────────┴──────────────┘',
      "3 runs of each variant. ★: faster than the rest of its group by Welch's t-test",
      "(95 %) and by more than 2 ms + 1 %; a speedup's ± carries both σ.",
    ]);
  });

  it('leaves out the ideal, then the range, before it stacks, to fit', () => {
    const at80 = lines(renderComparison(breakfast(), { theme: plain() }));
    expect(at80.slice(0, 6)).toEqual([
      '┌──────────────┬─────────────────┬─────────────────┬──────────┬──────────────┐',
      '│ Variant      │        Mean ± σ │       Min … max │ vs ideal │      Speedup │',
      '├──────────────┼─────────────────┼─────────────────┼──────────┼──────────────┤',
      '│ blocking     │ 5.002 ± 0.001 s │ 5.001 … 5.003 s │  +2.0 ms │        1.00× │',
      '│ sequential   │ 5.002 ± 0.002 s │ 5.000 … 5.004 s │  +2.0 ms │ 1.00 ± 0.00× │',
      '│ concurrent ★ │ 3.002 ± 0.001 s │ 3.001 … 3.003 s │  +2.0 ms │ 1.67 ± 0.00× │',
    ]);
    const at60 = lines(renderComparison(breakfast(), { theme: plain(), width: 60 }));
    expect(at60.slice(0, 7)).toEqual([
      '┌──────────────┬─────────────────┬──────────────┐',
      '│ Variant      │        Mean ± σ │      Speedup │',
      '├──────────────┼─────────────────┼──────────────┤',
      '│ blocking     │ 5.002 ± 0.001 s │        1.00× │',
      '│ sequential   │ 5.002 ± 0.002 s │ 1.00 ± 0.00× │',
      '│ concurrent ★ │ 3.002 ± 0.001 s │ 1.67 ± 0.00× │',
      '└──────────────┴─────────────────┴──────────────┘',
    ]);
    for (const line of at60) expect(visibleWidth(line)).toBeLessThanOrEqual(60);
  });

  it("stars the fastest mean only when Welch's t-test (95 %) says it is not chance", () => {
    // 12 ± 2 against 15 ± 2 on three runs: t = 1.84, below 2.776 (df 4).
    const close = [
      repeated('slow', [130, 150, 170], null),
      repeated('fast', [100, 120, 140], null),
    ];
    expect(renderComparison(close, { theme: plain() })).not.toContain('★ │');
    const clear = [
      repeated('slow', [148, 150, 152], null),
      repeated('fast', [118, 120, 122], null),
    ];
    expect(renderComparison(clear, { theme: plain() })).toContain('fast ★');
  });

  it('stars no mean ahead by less than the timing noise (2 ms + 1 %), however steady', () => {
    const steady = [repeated('a', [101.5, 101.5], null), repeated('b', [100, 100], null)];
    expect(renderComparison(steady, { theme: plain() })).not.toContain('★ │');
  });

  it('stars nothing that beats only some of its group significantly', () => {
    const runs = [
      repeated('steady', [200, 201, 199], null),
      repeated('noisy', [110, 400, 150], null),
      repeated('fast', [100, 101, 99], null),
    ];
    expect(renderComparison(runs, { theme: plain() })).not.toContain('★ │');
  });

  it('tests only against rows run several times: one measured once goes by the noise rule', () => {
    // An asyncio twin runs once beside the repeated Node variants.
    const runs = [
      repeated('sequential', [300, 302, 298], null),
      repeated('concurrent', [100, 101, 99], null),
      run({ variant: 'concurrent (asyncio)', elapsedMs: 150 }),
    ];
    const text = renderComparison(runs, { theme: plain() });
    expect(text).toMatch(/│ concurrent ★ +│ 100 ± 1\.0 ms │/);
    expect(text).toMatch(/│ concurrent \(asyncio\) │ +150 ms │ +— │ 2\.00 ± 0\.01× │/);
    expect(text).toContain('3 runs of each variant; rows without ± ran once. ★');
  });

  it('marks a variant stopped by Ctrl-C, with what its runs measured, and says so', () => {
    const runs = [
      repeated('a', [100, 110], null),
      { ...repeated('b', [90], null), interrupted: true },
      repeated('c', [50, 51], null),
    ];
    expect(lines(renderComparison(runs, { theme: plain() }))).toEqual([
      '┌─────────────┬───────────────┬────────────────┬──────────────┐',
      '│ Variant     │      Mean ± σ │      Min … max │      Speedup │',
      '├─────────────┼───────────────┼────────────────┼──────────────┤',
      '│ a           │  105 ± 7.1 ms │   100 … 110 ms │        1.00× │',
      '│ b (stopped) │ 90.0 ± 0.0 ms │ 90.0 … 90.0 ms │            — │',
      '│ c           │ 50.5 ± 0.7 ms │ 50.0 … 51.0 ms │ 2.08 ± 0.14× │',
      '└─────────────┴───────────────┴────────────────┴──────────────┘',
      '2 runs of each variant; b stopped after 1 run. ★: faster than the rest of its',
      "group by Welch's t-test (95 %) and by more than 2 ms + 1 %; a speedup's ±",
      'carries both σ.',
    ]);
  });
});
