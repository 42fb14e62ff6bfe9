import { describe, expect, it } from 'vitest';
import { createRandom, DEFAULT_SEED } from '../../src/engine/random.js';

function draw(seed: number, count: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.next());
}

describe('createRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draw(DEFAULT_SEED, 20)).toEqual(draw(DEFAULT_SEED, 20));
    expect(draw(DEFAULT_SEED, 20)).not.toEqual(draw(DEFAULT_SEED + 1, 20));
  });

  it('draws numbers in [0, 1) that spread over the range', () => {
    const values = draw(7, 10_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    const tenths = new Set(values.map((v) => Math.floor(v * 10)));
    expect(tenths.size).toBe(10);
  });

  it('draws between min and max', () => {
    const random = createRandom(3);
    const values = Array.from({ length: 1000 }, () => random.between(500, 1500));
    expect(values.every((v) => v >= 500 && v < 1500)).toBe(true);
    expect(Math.min(...values)).toBeLessThan(600);
    expect(Math.max(...values)).toBeGreaterThan(1400);
  });

  it('says yes to chance(p) about p of the time, never for 0, always for 1', () => {
    const random = createRandom(11);
    const hits = Array.from({ length: 10_000 }, () => random.chance(0.3)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(2700);
    expect(hits).toBeLessThan(3300);
    expect(Array.from({ length: 100 }, () => random.chance(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => random.chance(1)).every(Boolean)).toBe(true);
  });

  it('forks streams that depend on the seed and label only, not on what was drawn', () => {
    const fresh = createRandom(DEFAULT_SEED);
    const used = createRandom(DEFAULT_SEED);
    for (let i = 0; i < 50; i++) used.next();
    const a = fresh.fork('producer-0');
    const b = used.fork('producer-0');
    expect([a.next(), a.next(), a.next()]).toEqual([b.next(), b.next(), b.next()]);
    expect(createRandom(DEFAULT_SEED).fork('producer-1').next()).not.toBe(
      createRandom(DEFAULT_SEED).fork('producer-0').next(),
    );
    expect(createRandom(1).fork('x').next()).not.toBe(createRandom(2).fork('x').next());
  });

  it('takes any whole seed up to 2^32 - 1', () => {
    const values = draw(0xffff_ffff, 5);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBe(5);
  });
});
