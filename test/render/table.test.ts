import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderComparison } from '../../src/render/table.js';
import { blocking, colored, concurrent, plain, run, sequential } from './fixtures.js';

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
