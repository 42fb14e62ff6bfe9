import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import semaphore from '../../demos/semaphore/index.js';
import type { RunResult } from '../../src/engine/run-result.js';
import { toTraceEvents, type TraceDocument } from '../../src/render/trace.js';
import { runFake, runFakeStoppedAt } from '../support.js';
import { expectValidTrace } from './trace-format.js';

const parts = (runs: RunResult[]) => ({ demo: 'semaphore', scale: 1, seed: 42, runs });
const counter = (trace: TraceDocument, name: string) =>
  trace.traceEvents.filter((e) => e.ph === 'C' && e.name === name);

describe('toTraceEvents: a semaphore run on the fake clock', () => {
  let limited: RunResult;
  let unlimited: RunResult;

  beforeAll(async () => {
    vi.useFakeTimers();
    limited = await runFake(semaphore, 'limited', { duration: 1000 });
    unlimited = await runFake(semaphore, 'unlimited', { duration: 1000 });
    vi.useRealTimers();
  });

  it('follows the format: complete events, paired and nested async slices, monotonic tracks', () => {
    expectValidTrace(toTraceEvents(parts([limited, unlimited])));
  });

  it('names one process per run, in run order, and says what ran', () => {
    const trace = toTraceEvents(parts([limited, unlimited]));
    const meta = trace.traceEvents.filter((e) => e.ph === 'M');
    expect(meta).toEqual([
      expect.objectContaining({
        name: 'process_name',
        pid: 1,
        args: { name: 'semaphore limited' },
      }),
      expect.objectContaining({ name: 'process_sort_index', pid: 1, args: { sort_index: 1 } }),
      expect.objectContaining({
        name: 'process_name',
        pid: 2,
        args: { name: 'semaphore unlimited' },
      }),
      expect.objectContaining({ name: 'process_sort_index', pid: 2, args: { sort_index: 2 } }),
    ]);
    expect(trace.otherData).toEqual({ demo: 'semaphore', scale: 1, seed: 42 });
  });

  it('gives every task its own id, with its phases under the same id', () => {
    const trace = toTraceEvents(parts([limited, unlimited]));
    const begins = trace.traceEvents.filter((e) => e.ph === 'b');
    const taskIds = begins.filter((e) => e.cat === 'task').map((e) => e.id);
    expect(new Set(taskIds).size).toBe(limited.tasks.length + unlimited.tasks.length);
    for (const phase of begins.filter((e) => e.cat === 'phase')) {
      expect(taskIds).toContain(phase.id);
    }
    const op1 = begins.filter((e) => e.pid === 1 && e.id === begins[0]?.id).map((e) => e.name);
    expect(op1).toEqual(['Op1', ...(limited.tasks[0]?.phases.map((p) => p.name) ?? [])]);
    expect(op1).toContain('awaiting');
  });

  it('counts in microseconds: a 1000 ms phase spans 1,000,000', () => {
    const trace = toTraceEvents(parts([limited]));
    const awaiting = trace.traceEvents.filter((e) => e.cat === 'phase' && e.name === 'awaiting');
    const begin = awaiting.find((e) => e.ph === 'b');
    const end = awaiting.find((e) => e.ph === 'e' && e.id === begin?.id);
    expect(begin?.ph).toBe('b');
    expect(end?.ph).toBe('e');
    expect((end?.ts ?? 0) - (begin?.ts ?? 0)).toBe(1_000_000);
  });

  it('never shows more permits in use than the limit', () => {
    const permits = counter(toTraceEvents(parts([limited])), 'permitsInUse');
    expect(permits.length).toBeGreaterThan(0);
    const values = permits.map((e) => e.args?.value as number);
    expect(Math.max(...values)).toBe(2);
  });

  it('puts each run after the one before, with a gap', () => {
    const trace = toTraceEvents(parts([limited, unlimited]));
    const times = (pid: number) =>
      trace.traceEvents.filter((e) => e.pid === pid && e.ph !== 'M').map((e) => e.ts);
    const firstEnd = Math.max(...times(1));
    const secondStart = Math.min(...times(2));
    expect(secondStart).toBeGreaterThan(firstEnd);
    expect(secondStart).toBe(Math.round(limited.elapsedMs * 1.1 * 1000));
  });

  it('writes log lines as process instants that name their task', () => {
    const trace = toTraceEvents(parts([limited]));
    const logs = trace.traceEvents.filter((e) => e.ph === 'i');
    expect(logs).toHaveLength(limited.logs.length);
    expect(logs[0]).toMatchObject({ s: 'p', pid: 1 });
    expect(typeof logs[0]?.args?.task).toBe('string');
    expect(logs.map((e) => e.name)).toContain('Op1: done');
  });
});

describe('toTraceEvents: a run stopped midway', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ends the open tasks and phases at the run end', async () => {
    const { run } = await runFakeStoppedAt(semaphore, 'limited', 1500, { duration: 1000 });
    expect(run.interrupted).toBe(true);
    const trace = toTraceEvents(parts([run]));
    expectValidTrace(trace);
    const ends = trace.traceEvents.filter((e) => e.ph === 'e');
    expect(Math.max(...ends.map((e) => e.ts))).toBe(Math.round(run.elapsedMs * 1000));
  });
});
