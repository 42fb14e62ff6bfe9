import { InvalidValueError } from './demo.js';
import { MAX_SEED } from './random.js';

/** A scale much above 100 would ask timers for more than Node can wait (about 24.8 days). */
export const MAX_SCALE = 100;
/**
 * The smallest scale that means something: 3 s become 0.3 ms, still a timer. Below it, durations
 * vanish under the timers' own millisecond and products such as 1 s × 1e-320 leave the numbers.
 */
export const MIN_SCALE = 0.0001;

export function parseScale(raw: string): number {
  const value = parseNumber(raw);
  if (!(value >= MIN_SCALE && value <= MAX_SCALE)) {
    throw new InvalidValueError(
      `a scale is a number from ${MIN_SCALE} to ${MAX_SCALE}, such as 0.1 or 2`,
    );
  }
  return value;
}

export function parseSeed(raw: string): number {
  return parseInteger(raw, 0, MAX_SEED, 'a seed');
}

/** Enough runs for any classroom; beyond, a demo would keep a thousand recordings in memory. */
export const MAX_RUNS = 1000;
export const MAX_WARMUP = 100;

/** `--runs`: how many times each variant runs, counted. */
export function parseRuns(raw: string): number {
  return parseInteger(raw, 1, MAX_RUNS, 'a number of runs');
}

/** `--warmup`: how many uncounted runs of each variant come first. */
export function parseWarmup(raw: string): number {
  return parseInteger(raw, 0, MAX_WARMUP, 'a number of warm-up runs');
}

/** A whole number in [min, max]; `what` names it in the message, such as "a count". */
export function parseInteger(raw: string, min: number, max: number, what: string): number {
  const value = parseNumber(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidValueError(`${what} is a whole number from ${min} to ${max}`);
  }
  return value;
}

/** A number in [min, max], such as a probability; `what` names it in the message. */
export function parseNumberIn(raw: string, min: number, max: number, what: string): number {
  const value = parseNumber(raw);
  if (!(value >= min && value <= max)) {
    throw new InvalidValueError(`${what} is a number from ${min} to ${max}`);
  }
  return value;
}

/** Seconds as a user types them (`2`, `0.5`), returned in milliseconds. */
export function parseSeconds(raw: string, maxSeconds: number, what = 'a duration'): number {
  const value = parseNumber(raw);
  if (!(value >= 0 && value <= maxSeconds)) {
    throw new InvalidValueError(`${what} is a number of seconds from 0 to ${maxSeconds}`);
  }
  return value * 1000;
}

/** `Number()` alone would take '' for 0 and ' 1 ' for 1; only plain decimal numbers pass. */
function parseNumber(raw: string): number {
  return /^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw.trim()) ? Number(raw) : Number.NaN;
}

/**
 * A name shown in the log and the chart: printable text only (no control characters, no
 * bidirectional overrides, which would act on the terminal instead of showing).
 */
export function parseName(raw: string, what: string, maxLength: number): string {
  const name = raw.trim();
  if (name === '') throw new InvalidValueError(`${what} is not empty`);
  // eslint-disable-next-line no-control-regex -- rejecting them is the point
  if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(name)) {
    throw new InvalidValueError(`${what} is printable text: no control characters`);
  }
  if (visibleLength(name) > maxLength) {
    throw new InvalidValueError(`${what} has at most ${maxLength} characters`);
  }
  return name;
}

/** Characters as a reader counts them (an emoji is one). */
function visibleLength(text: string): number {
  return Array.from(new Intl.Segmenter().segment(text)).length;
}
