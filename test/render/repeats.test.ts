import { describe, expect, it } from 'vitest';
import { renderRepeatsSummary, repeatsNote, summaryOf, timeOf } from '../../src/render/repeats.js';
import { visibleWidth } from '../../src/render/text.js';
import { colored, plain, run } from './fixtures.js';
import { repeated } from './repeated.js';

const concurrent = () => repeated('concurrent', [3002, 3001.5, 3003, 3001], 3000);

describe('renderRepeatsSummary', () => {
  it('gives the mean ± σ and the range, then the ideal and which runs log and chart show', () => {
    expect(renderRepeatsSummary(concurrent(), { theme: plain() })).toBe(
      '■ concurrent: mean 3.002 ± 0.001 s of 4 runs (3.001 … 3.003 s)\n' +
        '  ideal 3.000 s · +1.9 ms · log: run 1 · chart: run 2, the median (3.002 s)\n\n',
    );
  });

  it('says the variant was stopped, and leaves out the log when none was shown', () => {
    const stopped = { ...concurrent(), interrupted: true };
    const text = renderRepeatsSummary(stopped, { theme: plain(), width: 60, logShown: false });
    expect(text).toBe(
      '■ concurrent, stopped by Ctrl-C: mean 3.002 ± 0.001 s\n' +
        '  of 4 runs (3.001 … 3.003 s)\n' +
        '  ideal 3.000 s · chart: run 2, the median (3.002 s)\n\n',
    );
    for (const line of text.split('\n')) expect(visibleWidth(line)).toBeLessThanOrEqual(60);
  });

  it('is empty for a run made once', () => {
    expect(renderRepeatsSummary(run({ variant: 'once' }), { theme: colored() })).toBe('');
  });
});

describe('repeatsNote', () => {
  it('counts the runs and warm-ups and names the variants stopped early', () => {
    const warmed = repeated('a', [100, 110], null);
    warmed.repeats?.warmupMs.push(120, 115);
    const stopped = { ...repeated('b', [90], null), interrupted: true };
    expect(repeatsNote([warmed, stopped])).toBe(
      "2 runs of each variant after 2 warm-ups; b stopped after 1 run. ★: faster than the rest of its group by Welch's t-test (95 %) and by more than 2 ms + 1 %; a speedup's ± carries both σ.",
    );
  });
});

describe('repeatsNote of a variant stopped during its first run', () => {
  it('says no run of it ended', () => {
    const stopped = run({ variant: 'b', elapsedMs: 3, interrupted: true });
    expect(repeatsNote([repeated('a', [1, 2, 3], null), stopped])).toMatch(
      /^3 runs of each variant; b stopped before a run ended\. ★/,
    );
  });
});

describe('timeOf and summaryOf', () => {
  it('take the mean of repeated runs, and a single run as a sample of one', () => {
    expect(timeOf(concurrent())).toBeCloseTo(3001.875, 9);
    expect(summaryOf(concurrent())).toMatchObject({ count: 4, min: 3001, max: 3003 });
    const once = run({ variant: 'once', elapsedMs: 42 });
    expect(timeOf(once)).toBe(42);
    expect(summaryOf(once)).toEqual({ count: 1, mean: 42, sd: 0, min: 42, max: 42 });
  });
});
