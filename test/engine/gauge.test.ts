import { describe, expect, it } from 'vitest';
import { Gauge } from '../../src/engine/gauge.js';
import type { JsonValue } from '../../src/engine/recorder.js';

/** Records what a gauge sends, in order. */
function recorder() {
  const samples: [string, number][] = [];
  const stats = new Map<string, JsonValue>();
  return {
    samples,
    stats,
    sample: (counter: string, value: number) => samples.push([counter, value]),
    stat: (name: string, value: JsonValue) => stats.set(name, value),
  };
}

describe('Gauge', () => {
  it('samples its starting value, then every change, and records the peak as a stat', () => {
    const to = recorder();
    const running = new Gauge(to, { counter: 'running', peakStat: 'peakConcurrency' });
    expect([to.samples, to.stats.get('peakConcurrency')]).toEqual([[['running', 0]], 0]);
    running.add(1);
    running.add(1);
    running.add(-1);
    running.add(1);
    running.add(-2);
    expect(to.samples.map(([, value]) => value)).toEqual([0, 1, 2, 1, 2, 0]);
    expect(to.stats.get('peakConcurrency')).toBe(2);
    expect([running.value, running.peak]).toEqual([0, 2]);
  });

  it('samples a value set again unchanged only once', () => {
    const to = recorder();
    const depth = new Gauge(to, { counter: 'queueDepth' });
    for (const value of [0, 1, 1, 1, 3, 3, 0]) depth.set(value);
    expect(to.samples).toEqual([
      ['queueDepth', 0],
      ['queueDepth', 1],
      ['queueDepth', 3],
      ['queueDepth', 0],
    ]);
    expect(to.stats.size).toBe(0);
  });

  it('keeps the peak without sampling when it has no counter', () => {
    const to = recorder();
    const running = new Gauge(to, { peakStat: 'peak' });
    running.add(3);
    running.add(-1);
    running.add(1);
    expect(to.samples).toEqual([]);
    expect(to.stats.get('peak')).toBe(3);
  });

  it('starts from a given value', () => {
    const to = recorder();
    const held = new Gauge(to, { counter: 'held', peakStat: 'peakHeld' }, 4);
    held.set(2);
    expect(to.samples).toEqual([
      ['held', 4],
      ['held', 2],
    ]);
    expect(to.stats.get('peakHeld')).toBe(4);
  });
});
