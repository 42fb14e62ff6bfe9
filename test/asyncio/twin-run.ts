import { defaultOptions, type AnyDemo } from '../../src/engine/demo.js';
import type { RunResult } from '../../src/engine/run-result.js';
import { runTwin } from '../../src/engine/twin.js';
import { TWIN_TASK_SUFFIX } from '../../src/engine/twin-names.js';

/** Runs a variant's asyncio twin with python3, the demo's defaults under `options`. */
export function runTwinOf(
  demo: AnyDemo,
  variant: string,
  { options = {}, state, scale = 0.02 }: { options?: object; state?: unknown; scale?: number },
): Promise<RunResult> {
  return runTwin({
    demo,
    variant,
    options: { ...defaultOptions(demo.options), ...options },
    state,
    scale,
    seed: 42,
    idealMs: null,
  });
}

/** The Node name of a twin's lane: `cpu-1 · py` → `cpu-1`. */
export const lane = (name: string | null) => (name ?? 'main').replace(TWIN_TASK_SUFFIX, '');

/** The messages a twin's task logged, in order. */
export function logsOf(run: RunResult, task: string | null): string[] {
  return run.logs.filter((line) => lane(line.task) === (task ?? 'main')).map((l) => l.message);
}

export function taskOf(run: RunResult, name: string) {
  const task = run.tasks.find((t) => lane(t.name) === name);
  if (!task) throw new Error(`no task ${name} in ${run.tasks.map((t) => t.name).join(', ')}`);
  return task;
}
