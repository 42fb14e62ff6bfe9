/**
 * async-demos as a library: define a demo of your own (run it with `async-demos run <file>`),
 * use the primitives the lessons teach, and read the `--json` document with its types.
 *
 * @example
 * import { defineDemo, Semaphore } from 'async-demos';
 */
export {
  defineDemo,
  defineOption,
  InvalidValueError,
  type Demo,
  type DemoContext,
  type OptionSpec,
  type Prepared,
  type PrepareEnvironment,
  type TaskOptions,
  type Variant,
  type Column,
} from './engine/demo.js';
export { parseInteger, parseNumberIn, parseScale, parseSeconds } from './engine/options.js';
export type { TaskHandle, PhaseName, TaskStatus, JsonValue } from './engine/recorder.js';
export type { RunResult } from './engine/run-result.js';
export { Semaphore } from './primitives/semaphore.js';
export { BoundedQueue } from './primitives/queue.js';
export { TaskGroup } from './primitives/task-group.js';
export type { JsonDocument, JsonRun } from './render/json.js';
