import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import awaitDemo from '../../demos/await.js';
import { parseCommandLine } from '../../src/cli/parse.js';
import { runFake } from '../support.js';

describe('await demo', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pause: step 1, a 2 s await, then step 2 with the value undefined', async () => {
    const run = await runFake(awaitDemo, 'pause');
    expect(run.tasks).toMatchObject([{ name: 'task', startMs: 0, endMs: 2000, status: 'ok' }]);
    expect(run.logs).toEqual([
      { atMs: 0, task: 'task', message: 'step 1, then await a 2 s timer' },
      { atMs: 2000, task: 'task', message: 'step 2, resumed with the value undefined' },
    ]);
    expect(run.elapsedMs).toBe(2000);
    expect(run.idealMs).toBe(2000);
  });

  it('the hint tells a timer await from an await on a settled value', () => {
    expect(awaitDemo.hint).toMatch(/An await on a timer suspends the task/);
    expect(awaitDemo.hint).toMatch(/already settled lets only microtasks run/);
    expect(awaitDemo.hint).not.toMatch(/Each await hands the event loop/);
  });

  it('pause runs only when asked for: a full run compares the two-task variants', () => {
    const settings = { demos: [awaitDemo], version: '0.0.0' };
    expect(parseCommandLine(['await'], settings)).toMatchObject({
      variants: ['sequential', 'concurrent'],
    });
    expect(parseCommandLine(['await', '--pause'], settings)).toMatchObject({
      variants: ['pause'],
    });
  });

  it('concurrent: the two tasks take turns at every await and end together', async () => {
    const run = await runFake(awaitDemo, 'concurrent');
    const steps = run.logs.map((line) => [line.atMs, line.message.split(':')[0]]);
    expect(steps).toEqual([
      [0, 'A1'],
      [0, 'B1'],
      [1000, 'A2'],
      [1000, 'B2'],
      [2000, 'A3'],
      [2000, 'B3'],
      [3000, 'A returns'],
      [3000, 'B returns'],
    ]);
    expect(run.tasks).toMatchObject([
      { name: 'A', startMs: 0, endMs: 3000 },
      { name: 'B', startMs: 0, endMs: 3000 },
    ]);
    expect(run.elapsedMs).toBe(3000);
    expect(run.idealMs).toBe(3000);
  });

  it('sequential: B starts only when A has returned', async () => {
    const run = await runFake(awaitDemo, 'sequential');
    expect(run.logs.map((line) => line.message.split(':')[0])).toEqual([
      'A1',
      'A2',
      'A3',
      'A returns',
      'B1',
      'B2',
      'B3',
      'B returns',
    ]);
    expect(run.tasks).toMatchObject([
      { name: 'A', startMs: 0, endMs: 3000 },
      { name: 'B', startMs: 3000, endMs: 6000 },
    ]);
    expect(run.elapsedMs).toBe(6000);
    expect(run.idealMs).toBe(6000);
  });
});
