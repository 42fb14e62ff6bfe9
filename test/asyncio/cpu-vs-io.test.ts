import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import cpuVsIo from '../../demos/cpu-vs-io/index.js';
import { sumOfSquares } from '../../demos/cpu-vs-io/cpu-work.js';
import { formatCount } from '../../src/engine/format.js';
import { pythonCommand } from '../../src/engine/twin.js';
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

/** True while `pid` runs: not gone, and not a zombie waiting for its parent to read it. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

describe.runIf(process.platform === 'linux')('the worker processes of the threads twin', () => {
  it('end with the twin, even when it is killed in the middle', async () => {
    const twin = spawn(
      pythonCommand(),
      ['cpu-vs-io.py', 'threads', '--scale', '1', '--options', '{"tasks":2,"taskMs":1000}'],
      { cwd: fileURLToPath(new URL('../../python/', import.meta.url)), stdio: 'pipe' },
    );
    // Once a loop is off the thread, the pool's processes are there, at work.
    await new Promise<void>((resolve) => {
      twin.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('"off-thread"')) resolve();
      });
    });
    const workers = readFileSync(`/proc/${twin.pid}/task/${twin.pid}/children`, 'utf8')
      .split(' ')
      .filter((pid) => pid.trim() !== '')
      .map(Number);
    expect(workers).toHaveLength(2);
    const exited = new Promise((resolve) => twin.once('exit', resolve));
    twin.kill('SIGKILL');
    await exited;
    try {
      // They look for their parent every 0.1 s.
      for (let i = 0; i < 50 && workers.some(isRunning); i++) await delay(100);
      expect(workers.filter(isRunning)).toEqual([]);
    } finally {
      for (const pid of workers.filter(isRunning)) process.kill(pid, 'SIGKILL');
    }
  });
});
