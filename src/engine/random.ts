/**
 * A seeded source of random numbers, so that a run is reproducible from its seed. mulberry32: tiny,
 * fast and good enough for picking durations and failures (not for cryptography).
 */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** A number in [min, max). */
  between(min: number, max: number): number;
  /** A whole number of milliseconds in [min, max], for a random duration. */
  wholeMs(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** An independent stream for one role (a producer, a worker), stable whatever else draws. */
  fork(label: string): Random;
}

export const DEFAULT_SEED = 42;
export const MAX_SEED = 0xffff_ffff;

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  const between = (min: number, max: number) => min + (max - min) * next();
  return {
    next,
    between,
    wholeMs: (min, max) => Math.round(between(min, max)),
    chance: (p) => next() < p,
    fork: (label) => createRandom(hash(`${seed}:${label}`)),
  };
}

/** FNV-1a: turns a label into a 32-bit seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
