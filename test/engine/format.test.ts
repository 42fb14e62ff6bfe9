import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDifference,
  formatDuration,
  formatMeanSd,
  formatRange,
  formatSeconds,
  formatSpeedup,
  formatSpeedupSd,
  formatTimestamp,
} from '../../src/engine/format.js';
import { formatScaled } from '../../src/engine/format.js';

describe('formatDuration', () => {
  it.each([
    [0, '0.0 ms'],
    [1.26, '1.3 ms'],
    [99.94, '99.9 ms'],
    [100, '100 ms'],
    [999.4, '999 ms'],
    [1000, '1.000 s'],
    [3001.26, '3.001 s'],
    [-2.5, '-2.5 ms'],
  ])('shows %d ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatDifference', () => {
  it.each([
    [1.26, '+1.3 ms'],
    [0, '+0.0 ms'],
    [-0.5, '−0.5 ms'],
    [-3766, '−3.766 s'],
  ])('shows %d ms as %j, with its sign', (ms, text) => {
    expect(formatDifference(ms)).toBe(text);
  });
});

describe('formatTimestamp', () => {
  it.each([
    [0, '0.000 s'],
    [2000.4, '2.000 s'],
    [12_345.6, '12.346 s'],
    [-0.2, '0.000 s'],
  ])('shows %d ms as %j', (ms, text) => {
    expect(formatTimestamp(ms)).toBe(text);
  });
});

describe('the other formats', () => {
  it('shows a speedup, a count and seconds as typed', () => {
    expect(formatSpeedup(5000 / 3000)).toBe('1.67×');
    expect(formatCount(1_000_000)).toBe('1,000,000');
    expect([0, 999, 1000, 12_345, -4321, 1234.5678].map(formatCount)).toEqual(
      [0, 999, 1000, 12_345, -4321, 1234.5678].map((n) => n.toLocaleString('en-US')),
    );
    expect(formatSeconds(3000)).toBe('3 s');
    expect(formatSeconds(500)).toBe('0.5 s');
    expect(formatSeconds(1234)).toBe('1.234 s');
  });
});

describe('formatScaled', () => {
  it('says how long a scenario duration lasts at the chosen scale', () => {
    expect(formatScaled(3000, 1)).toBe('3 s');
    expect(formatScaled(3000, 0.3)).toBe('3 s → 0.9 s');
  });
});

describe('formatMeanSd, formatRange and formatSpeedupSd', () => {
  it.each([
    [612.4, 12.34, undefined, '612 ± 12.3 ms'],
    [150.2, 0.31, undefined, '150 ± 0.3 ms'],
    [61.93, 0.94, undefined, '61.9 ± 0.9 ms'],
    [1005.2, 3.1, undefined, '1.005 ± 0.003 s'],
    [612.4, 12.34, 's', '0.612 ± 0.012 s'],
  ] as const)('%d ± %d (%s) is %j', (mean, sd, unit, expected) => {
    expect(formatMeanSd(mean, sd, unit)).toBe(expected);
  });

  it('gives a range in one unit, each end to its own precision', () => {
    expect(formatRange(60.94, 120.4)).toBe('60.9 … 120 ms');
    expect(formatRange(881, 1153)).toBe('0.881 … 1.153 s');
    expect(formatRange(881, 953, 's')).toBe('0.881 … 0.953 s');
  });

  it('gives a speedup and its σ to two decimals', () => {
    expect(formatSpeedupSd(1.4321, 0.1149)).toBe('1.43 ± 0.11×');
  });
});
