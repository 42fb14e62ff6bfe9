import type { Demo } from '../src/demo.js';
import awaitDemo from './await.js';
import breakfast from './breakfast.js';
import cpuVsIo from './cpu-vs-io.js';
import errors from './errors.js';
import fetchDemo from './fetch.js';
import pitfalls from './pitfalls.js';
import producerConsumer from './producer-consumer.js';
import semaphore from './semaphore.js';
import workers from './workers.js';

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
