import type { AnyDemo } from '../src/engine/demo.js';
import awaitDemo from './await.js';
import breakfast from './breakfast.js';
import cpuVsIo from './cpu-vs-io/index.js';
import errors from './errors/index.js';
import fetchDemo from './fetch/index.js';
import pitfalls from './pitfalls/index.js';
import producerConsumer from './producer-consumer/index.js';
import semaphore from './semaphore/index.js';
import timeouts from './timeouts/index.js';
import workers from './workers/index.js';

/** Every demo, in the order `list` shows them. Adding a demo is one file and one line here. */
export const registry: readonly AnyDemo[] = [
  breakfast,
  workers,
  awaitDemo,
  errors,
  semaphore,
  producerConsumer,
  fetchDemo,
  cpuVsIo,
  pitfalls,
  timeouts,
];
