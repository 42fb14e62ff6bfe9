import { expect } from 'vitest';
import type { TraceDocument, TraceEvent } from '../../src/render/trace.js';

/**
 * Checks a trace against the format: every event complete, every async begin ended by an end of
 * the same id, category and name, a phase inside its task, time never going back on a track.
 */
export function expectValidTrace(trace: TraceDocument): void {
  expect(trace.displayTimeUnit).toBe('ms');
  for (const event of trace.traceEvents) {
    expect(typeof event.name).toBe('string');
    expect(typeof event.ph).toBe('string');
    expect([typeof event.ts, typeof event.pid, typeof event.tid]).toEqual([
      'number',
      'number',
      'number',
    ]);
    expect(Number.isInteger(event.ts)).toBe(true);
  }
  const open = new Map<string, TraceEvent[]>();
  const lastTs = new Map<string, number>();
  for (const event of trace.traceEvents) {
    if (event.ph === 'M') continue;
    const track = `${event.pid}/${event.id ?? event.name}`;
    expect(event.ts).toBeGreaterThanOrEqual(lastTs.get(track) ?? 0);
    lastTs.set(track, event.ts);
    if (event.ph !== 'b' && event.ph !== 'e') continue;
    expect(typeof event.id).toBe('string');
    const stack = open.get(track) ?? [];
    open.set(track, stack);
    if (event.ph === 'b') {
      // A task opens its track; a phase only opens inside its task.
      expect(event.cat).toBe(stack.length === 0 ? 'task' : 'phase');
      stack.push(event);
    } else {
      const begin = stack.pop();
      expect(begin).toBeDefined();
      expect({ cat: event.cat, name: event.name }).toEqual({ cat: begin?.cat, name: begin?.name });
    }
  }
  for (const stack of open.values()) expect(stack).toEqual([]);
}
