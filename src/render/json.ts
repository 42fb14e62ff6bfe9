import type { RunResult } from '../engine/run-result.js';

/** The `--json` document (docs/json.md): times in wall-clock milliseconds, to a tenth. */
export interface JsonDocument {
  demo: string;
  scale: number;
  seed: number;
  /** Present, and true, only when Ctrl-C stopped the demo before every variant ran. */
  interrupted?: true;
  runs: JsonRun[];
}

/** A run as the document holds it: the recorded run, its times rounded to a tenth of a ms. */
export type JsonRun = Omit<RunResult, 'interrupted'>;

export interface DocumentParts {
  demo: string;
  scale: number;
  seed: number;
  runs: readonly RunResult[];
}

export function toJsonDocument({ demo, scale, seed, runs }: DocumentParts): JsonDocument {
  const document: JsonDocument = { demo, scale, seed, runs: runs.map(toJsonRun) };
  if (runs.some((run) => run.interrupted)) document.interrupted = true;
  return document;
}

export function renderJson(parts: DocumentParts): string {
  return `${JSON.stringify(toJsonDocument(parts), null, 2)}\n`;
}

function toJsonRun(run: RunResult): JsonRun {
  return {
    variant: run.variant,
    elapsedMs: ms(run.elapsedMs),
    idealMs: run.idealMs === null ? null : ms(run.idealMs),
    tasks: run.tasks.map((task) => ({
      name: task.name,
      startMs: ms(task.startMs),
      endMs: maybeMs(task.endMs),
      status: task.status,
      result: task.result,
      error: task.error,
      phases: task.phases.map((phase) => ({
        name: phase.name,
        startMs: ms(phase.startMs),
        endMs: maybeMs(phase.endMs),
      })),
    })),
    logs: run.logs.map((line) => ({ atMs: ms(line.atMs), task: line.task, message: line.message })),
    counters: Object.fromEntries(
      Object.entries(run.counters).map(([name, samples]) => [
        name,
        samples.map((sample) => ({ atMs: ms(sample.atMs), value: sample.value })),
      ]),
    ),
    stats: run.stats,
  };
}

function ms(value: number): number {
  return Math.round(value * 10) / 10;
}

function maybeMs(value: number | null): number | null {
  return value === null ? null : ms(value);
}
