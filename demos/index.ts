import type { Demo } from '../src/demo.js';
import breakfast from './breakfast.js';
import cpuVsIo from './cpu-vs-io.js';
import pitfalls from './pitfalls.js';

/** Every demo, in the order `list` shows them. Adding a demo is one file and one line here. */
export const demos = {
  breakfast,
  'cpu-vs-io': cpuVsIo,
  pitfalls,
} satisfies Record<string, Demo>;

export type DemoName = keyof typeof demos;

export const registry: readonly Demo[] = Object.values(demos);
