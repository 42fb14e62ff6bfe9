import type { TourDemoResult } from './tour-summary.js';
import { toTraceEvents, type TraceDocument, type TraceEvent } from './trace.js';

/** The tour's trace: every demo's, one after the other, each of its variant runs a process. */
export interface TourTraceDocument extends Omit<TraceDocument, 'otherData'> {
  otherData: { tour: true; demos: string[]; scale: number; seed: number };
}

export interface TourTraceParts {
  scale: number;
  seed: number;
  results: readonly TourDemoResult[];
}

/** The gap left after each demo, as a fraction of that demo's length (as between its runs). */
const GAP = 0.1;

/**
 * Each demo's trace (src/render/trace.ts) shifted after the one before: its processes numbered on
 * from the last demo's, its times after that demo's end, its async ids kept unique.
 */
export function toTourTraceEvents({ scale, seed, results }: TourTraceParts): TourTraceDocument {
  const events: TraceEvent[] = [];
  let pidBase = 0;
  let offsetUs = 0;
  let lastId = 0;
  for (const { demo, runs } of results) {
    if (runs.length === 0) continue;
    const own = toTraceEvents({ demo: demo.name, scale, seed, runs });
    const ids = new Map<string, string>();
    const idOf = (id: string) => {
      const known = ids.get(id) ?? `0x${(++lastId).toString(16)}`;
      ids.set(id, known);
      return known;
    };
    let endUs = 0;
    for (const event of own.traceEvents) {
      const shifted: TraceEvent = { ...event, pid: event.pid + pidBase, ts: event.ts + offsetUs };
      if (event.id !== undefined) shifted.id = idOf(event.id);
      if (event.name === 'process_sort_index') shifted.args = { sort_index: shifted.pid };
      endUs = Math.max(endUs, event.ts);
      events.push(shifted);
    }
    pidBase += runs.length;
    offsetUs += Math.round(endUs * (1 + GAP));
  }
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    otherData: { tour: true, demos: results.map(({ demo }) => demo.name), scale, seed },
  };
}

export function renderTourTrace(parts: TourTraceParts): string {
  return `${JSON.stringify(toTourTraceEvents(parts))}\n`;
}
