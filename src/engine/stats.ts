/** What a set of repeated measurements says: its size, centre and spread. */
export interface Summary {
  count: number;
  mean: number;
  /** The sample standard deviation (n − 1); 0 for a single value. */
  sd: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('no values to summarize');
  const count = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / count;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return {
    count,
    mean,
    sd: count > 1 ? Math.sqrt(squares / (count - 1)) : 0,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/**
 * Where the median value stands in `values`: for an even count the lower of the two middle ones,
 * so that it is always one of the values (a run that really happened). Equal values are ordered
 * as they came.
 */
export function medianIndex(values: readonly number[]): number {
  if (values.length === 0) throw new Error('no values to take the median of');
  const order = values
    .map((value, index) => ({ value, index }))
    .sort((a, b) => a.value - b.value || a.index - b.index);
  return order[Math.floor((values.length - 1) / 2)]?.index ?? 0;
}

/** A ratio a / b and its standard deviation, the relative errors propagated (as hyperfine does). */
export function ratioOf(a: Summary, b: Summary): { ratio: number; sd: number } {
  const ratio = a.mean / b.mean;
  return { ratio, sd: ratio * Math.hypot(a.sd / a.mean, b.sd / b.mean) };
}

/**
 * Welch's t-test, two-sided at 95 %: true when the means of `a` and `b` differ by more than their
 * spread explains. Needs two values on each side; with no spread at all, any difference counts.
 */
export function differsSignificantly(a: Summary, b: Summary): boolean {
  if (a.count < 2 || b.count < 2) return false;
  const va = a.sd ** 2 / a.count;
  const vb = b.sd ** 2 / b.count;
  const difference = Math.abs(a.mean - b.mean);
  if (va + vb === 0) return difference > 0;
  const t = difference / Math.sqrt(va + vb);
  // Welch–Satterthwaite degrees of freedom.
  const df = (va + vb) ** 2 / (va ** 2 / (a.count - 1) + vb ** 2 / (b.count - 1));
  return t > criticalT95(df);
}

/** Student's t, two-sided 95 %, for whole degrees of freedom 1 … 30, then 40, 60, 120, ∞. */
const T95: readonly (readonly [number, number])[] = [
  [1, 12.706],
  [2, 4.303],
  [3, 3.182],
  [4, 2.776],
  [5, 2.571],
  [6, 2.447],
  [7, 2.365],
  [8, 2.306],
  [9, 2.262],
  [10, 2.228],
  [11, 2.201],
  [12, 2.179],
  [13, 2.16],
  [14, 2.145],
  [15, 2.131],
  [16, 2.12],
  [17, 2.11],
  [18, 2.101],
  [19, 2.093],
  [20, 2.086],
  [21, 2.08],
  [22, 2.074],
  [23, 2.069],
  [24, 2.064],
  [25, 2.06],
  [26, 2.056],
  [27, 2.052],
  [28, 2.048],
  [29, 2.045],
  [30, 2.042],
  [40, 2.021],
  [60, 2.0],
  [120, 1.98],
  [Infinity, 1.96],
];

/**
 * The critical value for `df` degrees of freedom (Welch's are fractional): that of the nearest
 * tabulated df at or below it, the larger value, so that the test errs towards "no difference".
 */
export function criticalT95(df: number): number {
  let critical = 12.706;
  for (const [degrees, value] of T95) if (degrees <= df) critical = value;
  return critical;
}

/**
 * True when `candidate` has the lowest mean and differs significantly (Welch, 95 %) from every
 * one of `others`: only then is it the fastest, rather than the luckiest.
 */
export function isSignificantlyLowest(candidate: Summary, others: readonly Summary[]): boolean {
  if (others.length === 0) return false;
  return others.every(
    (other) => other.mean > candidate.mean && differsSignificantly(candidate, other),
  );
}
