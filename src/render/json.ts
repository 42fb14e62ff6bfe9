import { withoutTwinSuffix } from '../engine/twin-names.js';
import type { Repeats, RunResult } from '../engine/run-result.js';

/** The `--json` document (docs/json.md): times in wall-clock milliseconds, to a tenth. */
export interface JsonDocument {
  demo: string;
  scale: number;
  seed: number;
  /** Present, and true, only when Ctrl-C stopped the demo before every variant ran. */
  interrupted?: true;
  runs: JsonRun[];
  /** `--asyncio`: the asyncio twin's runs, in the order they ran, with the Node names. */
  asyncio?: JsonRun[];
}

/** A run as the document holds it: the recorded run, its times rounded to a tenth of a ms. */
export type JsonRun = Omit<RunResult, 'interrupted' | 'runtime'>;

export interface DocumentParts {
  demo: string;
  scale: number;
  seed: number;
  runs: readonly RunResult[];
}

export function toJsonDocument({ demo, scale, seed, runs }: DocumentParts): JsonDocument {
  const node = runs.filter((run) => run.runtime === undefined);
  const twins = runs.filter((run) => run.runtime === 'asyncio');
  const document: JsonDocument = { demo, scale, seed, runs: node.map(toJsonRun) };
  if (runs.some((run) => run.interrupted)) document.interrupted = true;
  if (twins.length > 0) document.asyncio = twins.map((run) => toJsonRun(withNodeNames(run)));
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
    ...(run.repeats ? { repeats: toJsonRepeats(run.repeats) } : {}),
  };
}

function toJsonRepeats(repeats: Repeats): Repeats {
  return {
    elapsedMs: repeats.elapsedMs.map(ms),
    warmupMs: repeats.warmupMs.map(ms),
    meanMs: ms(repeats.meanMs),
    sdMs: ms(repeats.sdMs),
    minMs: ms(repeats.minMs),
    maxMs: ms(repeats.maxMs),
    medianIndex: repeats.medianIndex,
  };
}

/** A twin's run under the names of the Node run it mirrors (`Alice`, not `Alice · py`). */
function withNodeNames(run: RunResult): RunResult {
  return {
    ...run,
    variant: withoutTwinSuffix(run.variant),
    tasks: run.tasks.map((task) => ({ ...task, name: withoutTwinSuffix(task.name) })),
    logs: run.logs.map((line) => ({
      ...line,
      task: line.task === null ? null : withoutTwinSuffix(line.task),
    })),
  };
}

function ms(value: number): number {
  return Math.round(value * 10) / 10;
}

function maybeMs(value: number | null): number | null {
  return value === null ? null : ms(value);
}
