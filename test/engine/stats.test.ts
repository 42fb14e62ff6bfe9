import { describe, expect, it } from 'vitest';
import {
  criticalT95,
  differsSignificantly,
  isSignificantlyLowest,
  medianIndex,
  ratioOf,
  summarize,
} from '../../src/engine/stats.js';

describe('summarize', () => {
  it('gives the count, mean, sample standard deviation (n − 1), min and max', () => {
    const summary = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(summary).toMatchObject({ count: 8, mean: 5, min: 2, max: 9 });
    expect(summary.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('gives a single value no spread', () => {
    expect(summarize([42])).toEqual({ count: 1, mean: 42, sd: 0, min: 42, max: 42 });
  });

  it('refuses no values', () => {
    expect(() => summarize([])).toThrow('no values');
  });
});

describe('medianIndex', () => {
  it.each([
    [[5, 1, 3], 2],
    [[7], 0],
    // An even count: the lower of the two middle values, so always a run that happened.
    [[4, 1, 3, 2], 3],
    [[10, 20], 0],
    // Equal values: the first of them in the middle of the order.
    [[2, 2, 2], 1],
    [[3, 1, 3, 1, 3], 0],
  ])('of %j is %d', (values, expected) => {
    expect(medianIndex(values)).toBe(expected);
  });
});

describe('ratioOf', () => {
  it('propagates the relative errors: σ = ratio · √((σa/a)² + (σb/b)²)', () => {
    const slow = summarize([270, 300, 330]); // mean 300, σ 30: 10 %
    const fast = summarize([90, 100, 110]); // mean 100, σ 10: 10 %
    const { ratio, sd } = ratioOf(slow, fast);
    expect(ratio).toBe(3);
    expect(sd).toBeCloseTo(3 * Math.sqrt(0.01 + 0.01), 12);
  });

  it('has no spread when neither side has any', () => {
    expect(ratioOf(summarize([500, 500]), summarize([250, 250]))).toEqual({ ratio: 2, sd: 0 });
  });
});

describe('criticalT95', () => {
  it.each([
    [1, 12.706],
    [4, 2.776],
    [4.9, 2.776], // a fractional df takes the tabulated one below it
    [8, 2.306],
    [30, 2.042],
    [35, 2.042],
    [59, 2.021],
    [1000, 1.98],
    [Infinity, 1.96],
    [0.5, 12.706],
  ])('for %d degrees of freedom is %d', (df, expected) => {
    expect(criticalT95(df)).toBe(expected);
  });
});

describe("differsSignificantly (Welch's t-test, two-sided, 95 %)", () => {
  it('sees a difference of 5 means against a σ of 1.6 on five runs each (t = 5, df = 8)', () => {
    expect(differsSignificantly(summarize([1, 2, 3, 4, 5]), summarize([6, 7, 8, 9, 10]))).toBe(
      true,
    );
  });

  it('sees none in 12 ± 2 against 15 ± 2 on three runs each (t = 1.84 < 2.776, df = 4)', () => {
    expect(differsSignificantly(summarize([10, 12, 14]), summarize([13, 15, 17]))).toBe(false);
  });

  it('takes the degrees of freedom of the side with a spread when the other has none', () => {
    // t = 2 / (1 / √3) = 3.46; df = 2: 4.303 needed, so not significant …
    expect(differsSignificantly(summarize([9, 10, 11]), summarize([12, 12, 12]))).toBe(false);
    // … the same spread over nine runs: t = 2 / √(0.75 / 9) = 6.9, df = 8 (2.306): significant.
    const nine = [9, 10, 11, 9, 10, 11, 9, 10, 11];
    expect(differsSignificantly(summarize(nine), summarize(nine.map(() => 12)))).toBe(true);
  });

  it('counts any difference when neither side has a spread, and none between equal runs', () => {
    expect(differsSignificantly(summarize([100, 100]), summarize([101, 101]))).toBe(true);
    expect(differsSignificantly(summarize([100, 100]), summarize([100, 100]))).toBe(false);
  });

  it('needs two runs on each side', () => {
    expect(differsSignificantly(summarize([1]), summarize([100, 100]))).toBe(false);
  });
});

describe('isSignificantlyLowest', () => {
  const fast = summarize([100, 101, 99]);
  const slow = summarize([200, 202, 198]);
  const noisy = summarize([90, 300, 150]);

  it('holds when the candidate is below every other significantly', () => {
    expect(isSignificantlyLowest(fast, [slow])).toBe(true);
  });

  it('fails when one other is within its noise, or lower, or when there is no other', () => {
    expect(isSignificantlyLowest(fast, [slow, noisy])).toBe(false);
    expect(isSignificantlyLowest(slow, [fast])).toBe(false);
    expect(isSignificantlyLowest(fast, [])).toBe(false);
  });
});
