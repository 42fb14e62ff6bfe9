import type { Demo } from '../src/engine/demo.js';
import awaitDemo from './await.js';
import breakfast from './breakfast.js';
import cpuVsIo from './cpu-vs-io/index.js';
import errors from './errors/index.js';
import fetchDemo from './fetch/index.js';
import pitfalls from './pitfalls/index.js';
import producerConsumer from './producer-consumer/index.js';
import semaphore from './semaphore.js';
import workers from './workers/index.js';

/** Every demo, in the order `list` shows them. Adding a demo is one file and one line here. */
export const demos = {
  breakfast,
  workers,
  await: awaitDemo,
  errors,
  semaphore,
  'producer-consumer': producerConsumer,
  fetch: fetchDemo,
  'cpu-vs-io': cpuVsIo,
  pitfalls,
} satisfies Record<string, Demo>;

export type DemoName = keyof typeof demos;

export const registry: readonly Demo[] = Object.values(demos);
