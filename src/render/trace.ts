import type { JsonValue, Phase, TaskSpan } from '../engine/recorder.js';
import type { RunResult } from '../engine/run-result.js';

/**
 * `--trace`: the Chrome Trace Event Format (JSON object form), read by ui.perfetto.dev and
 * chrome://tracing. Each variant run is a process (pid 1, 2, … in run order); each task an async
 * track whose phases nest inside it; counters are counter tracks; log lines process instants.
 *
 * The variants ran one after another, and the trace keeps them so: each run starts where the one
 * before it ended plus a gap of a tenth of that run, so the timeline shows them in order without
 * overlap. Times are microseconds (the format's unit), rounded to whole ones.
 */
export interface TraceDocument {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  otherData: { demo: string; scale: number; seed: number };
}

export interface TraceEvent {
  name: string;
  ph: 'M' | 'b' | 'e' | 'C' | 'i';
  ts: number;
  pid: number;
  tid: number;
  cat?: string;
  id?: string;
  s?: 'p';
  args?: Record<string, JsonValue>;
}

export interface TraceParts {
  demo: string;
  scale: number;
  seed: number;
  runs: readonly RunResult[];
}

/** The gap left after each run, as a fraction of that run's length. */
const GAP = 0.1;

export function toTraceEvents({ demo, scale, seed, runs }: TraceParts): TraceDocument {
  const events: TraceEvent[] = [];
  let offsetMs = 0;
  let lastId = 0;
  runs.forEach((run, index) => {
    const pid = index + 1;
    const us = (ms: number) => Math.round((offsetMs + ms) * 1000);
    const runEvents: TraceEvent[] = [];
    for (const task of run.tasks) {
      const id = `0x${(++lastId).toString(16)}`;
      for (const event of taskEvents(task, run.elapsedMs, id, pid, us)) runEvents.push(event);
    }
    for (const [name, samples] of Object.entries(run.counters)) {
      for (const { atMs, value } of samples) {
        runEvents.push({ name, ph: 'C', ts: us(atMs), pid, tid: 1, args: { value } });
      }
    }
    for (const { atMs, task, message } of run.logs) {
      // The log names its task in a column of its own; a mark on the process track says it in words.
      const name = task === null ? message : `${task}: ${message}`;
      runEvents.push({ name, ph: 'i', s: 'p', ts: us(atMs), pid, tid: 1, args: { task } });
    }
    // A stable sort: events of equal time keep the nesting order they were made in.
    runEvents.sort((a, b) => a.ts - b.ts);
    // Pushed one by one: a spread of a million events would overflow the stack.
    events.push(...metadata(`${demo} ${run.variant}`, pid, us(0)));
    for (const event of runEvents) events.push(event);
    offsetMs += runLengthMs(run) * (1 + GAP);
  });
  return { traceEvents: events, displayTimeUnit: 'ms', otherData: { demo, scale, seed } };
}

export function renderTrace(parts: TraceParts): string {
  return `${JSON.stringify(toTraceEvents(parts))}\n`;
}

function metadata(name: string, pid: number, ts: number): TraceEvent[] {
  return [
    { name: 'process_name', ph: 'M', ts, pid, tid: 1, args: { name } },
    { name: 'process_sort_index', ph: 'M', ts, pid, tid: 1, args: { sort_index: pid } },
  ];
}

/**
 * A task's span and its phases, in nesting order. A span or phase still open when the run ended
 * (Ctrl-C) ends with the run; phases are kept inside their task and after one another, so that
 * every viewer nests them.
 */
function taskEvents(
  task: TaskSpan,
  elapsedMs: number,
  id: string,
  pid: number,
  us: (ms: number) => number,
): TraceEvent[] {
  const start = task.startMs;
  const end = Math.max(start, task.endMs ?? elapsedMs);
  const slice = (cat: string, name: string, ph: 'b' | 'e', ms: number): TraceEvent => ({
    name,
    ph,
    cat,
    id,
    ts: us(ms),
    pid,
    tid: 1,
  });
  const events = [slice('task', task.name, 'b', start)];
  let cursor = start;
  for (const phase of task.phases) {
    const [from, to] = phaseBounds(phase, cursor, end, elapsedMs);
    events.push(slice('phase', phase.name, 'b', from), slice('phase', phase.name, 'e', to));
    cursor = to;
  }
  events.push(slice('task', task.name, 'e', end));
  return events;
}

function phaseBounds(phase: Phase, after: number, taskEnd: number, elapsedMs: number) {
  const from = Math.min(Math.max(phase.startMs, after), taskEnd);
  const to = Math.min(Math.max(from, phase.endMs ?? elapsedMs), taskEnd);
  return [from, to] as const;
}

/** Where a run's last event lies: its elapsed time, or later if something was recorded after. */
function runLengthMs(run: RunResult): number {
  let last = Math.max(0, run.elapsedMs);
  const see = (ms: number | null) => {
    last = Math.max(last, ms ?? 0);
  };
  for (const task of run.tasks) {
    see(task.endMs);
    for (const phase of task.phases) see(phase.endMs);
  }
  for (const line of run.logs) see(line.atMs);
  for (const samples of Object.values(run.counters)) for (const sample of samples) see(sample.atMs);
  return last;
}
