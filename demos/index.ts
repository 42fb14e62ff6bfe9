import type { Demo } from '../src/demo.js';
import breakfast from './breakfast.js';
import producerConsumer from './producer-consumer.js';
import semaphore from './semaphore.js';

/** Every demo, in the order `list` shows them. Adding a demo is one file and one line here. */
export const demos = {
  breakfast,
  semaphore,
  'producer-consumer': producerConsumer,
} satisfies Record<string, Demo>;

export type DemoName = keyof typeof demos;

export const registry: readonly Demo[] = Object.values(demos);
