import type { RunResult } from '../engine/run-result.js';
import { TWIN_TASK_SUFFIX } from '../engine/twin-names.js';

/**
 * A Node run and its asyncio twin as one run to chart: each Node lane followed by its twin's
 * (`Alice`, `Alice · py`), then lanes only one side has, and both sides' counters, so that the two
 * runtimes read lane by lane on one time axis.
 */
export function sideBySide(node: RunResult, twin: RunResult): RunResult {
  const twinTasks = new Map(twin.tasks.map((task) => [task.name, task]));
  const tasks = node.tasks.flatMap((task) => {
    const mirror = twinTasks.get(`${task.name}${TWIN_TASK_SUFFIX}`);
    if (!mirror) return [task];
    twinTasks.delete(mirror.name);
    return [task, mirror];
  });
  tasks.push(...twinTasks.values());
  const twinCounters = Object.entries(twin.counters).map(
    ([name, samples]) => [`${name}${TWIN_TASK_SUFFIX}`, samples] as const,
  );
  return {
    ...node,
    tasks,
    logs: [],
    counters: { ...node.counters, ...Object.fromEntries(twinCounters) },
  };
}
