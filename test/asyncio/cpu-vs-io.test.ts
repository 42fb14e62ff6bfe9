import { describe, expect, it } from 'vitest';
import cpuVsIo from '../../demos/cpu-vs-io/index.js';
import { sumOfSquares } from '../../demos/cpu-vs-io/cpu-work.js';
import { formatCount } from '../../src/engine/format.js';
import { lane, logsOf, runTwinOf, taskOf } from './twin-run.js';

// One task of 1 s at scale 0.05: 50 ms of Python's loop, sized by the twin itself.
const state = { iterations: 1, ms: 1000, workers: [] };
const run = (variant: string) => runTwinOf(cpuVsIo, variant, { state, scale: 0.05 });

describe('the asyncio twin of cpu-vs-io', () => {
  it("computes the Node loop's sum, sized to the Node task's time", async () => {
    const result = await run('sequential');
    const n = Number(result.stats.iterations);
    expect(n).toBeGreaterThan(1);
    expect(logsOf(result, 'cpu-1')).toEqual([
      `sum of i*i below ${formatCount(n)}, mod 2^32…`,
      `= ${sumOfSquares(n)}`,
    ]);
  });

  it('concurrent: gathered loops still run one after the other, holding the loop', async () => {
    const result = await run('concurrent');
    const [one, two, three] = ['cpu-1', 'cpu-2', 'cpu-3'].map((name) => taskOf(result, name));
    expect(two?.startMs).toBeGreaterThanOrEqual(one?.endMs ?? Infinity);
    expect(three?.startMs).toBeGreaterThanOrEqual(two?.endMs ?? Infinity);
    // The heartbeat could not tick until the last loop was done.
    expect(Number(result.stats.maxLoopDelayMs)).toBeGreaterThan(result.elapsedMs * 0.5);
  });

  it('threads: processes, then to_thread, every loop off the thread, the same sum', async () => {
    const result = await run('threads');
    const names = result.tasks.map((task) => lane(task.name));
    expect(names).toEqual(['cpu-1', 'cpu-2', 'cpu-3', 'thread-1', 'thread-2', 'thread-3']);
    const sum = sumOfSquares(Number(result.stats.iterations));
    for (const task of result.tasks) {
      expect(task).toMatchObject({ status: 'ok', result: sum });
      expect(task.phases.map((phase) => phase.name)).toContain('off-thread');
    }
    // The GIL lets one thread compute at a time: three loops take about three loops' time.
    expect(Number(result.stats.toThreadMs)).toBeGreaterThan(3 * 50 * 0.5);
    expect(logsOf(result, null)).toEqual([
      expect.stringMatching(/^ProcessPoolExecutor: 3 processes took \d+ ms/),
      expect.stringMatching(/^asyncio\.to_thread: 3 threads took \d+ ms.*the GIL/),
    ]);
  });

  it('io-concurrent: every wait starts before any ends', async () => {
    const result = await run('io-concurrent');
    const starts = result.tasks.map((task) => task.startMs);
    const ends = result.tasks.map((task) => task.endMs ?? 0);
    expect(Math.max(...starts)).toBeLessThan(Math.min(...ends));
    expect(result.tasks.map((task) => task.result)).toEqual(['reply 1', 'reply 2', 'reply 3']);
  });
});
