import { describe, expect, it } from 'vitest';
import { toTourTraceEvents } from '../../src/render/tour-trace.js';
import type { TraceDocument } from '../../src/render/trace.js';
import { results } from './tour-fixtures.js';
import { expectValidTrace } from './trace-format.js';

describe('the tour as one trace', () => {
  const trace = toTourTraceEvents({ scale: 0.2, seed: 42, results });

  it('is a valid trace: async events paired by id, times never going back on a track', () => {
    expectValidTrace(trace as unknown as TraceDocument);
    expect(trace.otherData).toEqual({
      tour: true,
      demos: ['breakfast', 'workers'],
      scale: 0.2,
      seed: 42,
    });
  });

  it('has one process per demo and variant, in the order they ran', () => {
    const names = trace.traceEvents
      .filter((event) => event.name === 'process_name')
      .map((event) => [event.pid, event.args?.name]);
    expect(names).toEqual([
      [1, 'breakfast sequential'],
      [2, 'breakfast concurrent'],
      [3, 'workers sequential'],
    ]);
    const sortIndex = trace.traceEvents
      .filter((event) => event.name === 'process_sort_index')
      .map((event) => event.args?.sort_index);
    expect(sortIndex).toEqual([1, 2, 3]);
  });

  it("lays each demo after the one before, and keeps every task's id its own", () => {
    const starts = (pid: number) =>
      trace.traceEvents.filter((e) => e.pid === pid && e.ph === 'b').map((e) => e.ts);
    const ends = (pid: number) =>
      trace.traceEvents.filter((e) => e.pid === pid && e.ph === 'e').map((e) => e.ts);
    // breakfast: 1000 ms, a tenth's gap, 500 ms, a tenth's gap; then workers.
    expect(Math.min(...starts(2))).toBe(1_100_000);
    expect(Math.min(...starts(3))).toBeGreaterThan(Math.max(...ends(2)));
    const taskIds = trace.traceEvents
      .filter((e) => e.cat === 'task' && e.ph === 'b')
      .map((e) => e.id);
    expect(new Set(taskIds).size).toBe(3);
  });
});
