import { InvalidValueError } from './demo.js';
import { MAX_SEED } from './random.js';

/** A scale much above 100 would ask timers for more than Node can wait (about 24.8 days). */
export const MAX_SCALE = 100;

export function parseScale(raw: string): number {
  const value = parseNumber(raw);
  if (!(value > 0 && value <= MAX_SCALE)) {
    throw new InvalidValueError(
      `a scale is a positive number up to ${MAX_SCALE}, such as 0.1 or 2`,
    );
  }
  return value;
}

export function parseSeed(raw: string): number {
  return parseInteger(raw, 0, MAX_SEED, 'a seed');
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
