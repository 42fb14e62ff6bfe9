import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pitfalls from '../../demos/pitfalls/index.js';
import { lane, logsOf, runTwinOf, taskOf } from './twin-run.js';

let folder = '';
let path = '';
const run = (variant: string) => runTwinOf(pitfalls, variant, { state: { path } });

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'async-demos-twin-'));
  path = join(folder, 'big.bin');
  await writeFile(path, Buffer.alloc(4 * 2 ** 20, 'x'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('the asyncio twin of pitfalls', () => {
  it('forgotten-await: the coroutines never run, and Python warns of each', async () => {
    const result = await run('forgotten-await');
    expect(result.tasks.map((task) => lane(task.name))).toEqual(['caller']);
    expect(logsOf(result, 'caller')[0]).toMatch(
      /^save_order\(\) returned <coroutine object save_order at 0x[0-9a-f]+>, not an order$/,
    );
    expect(logsOf(result, null)).toEqual([
      "RuntimeWarning: coroutine 'send_receipt' was never awaited",
      "RuntimeWarning: coroutine 'save_order' was never awaited",
    ]);
    expect(result.stats).toMatchObject({ neverAwaited: 2, unhandledRejections: 0 });
  });

  it("awaited: the receipt's failure reaches the caller", async () => {
    const result = await run('awaited');
    expect(taskOf(result, 'save-order')).toMatchObject({ status: 'ok', result: 'order #42 saved' });
    expect(taskOf(result, 'send-receipt')).toMatchObject({
      status: 'error',
      error: 'the mail server refused the receipt',
    });
    expect(logsOf(result, 'caller')).toEqual([
      'save_order() gave "order #42 saved"',
      'the receipt failed, and the caller knows: the mail server refused the receipt',
    ]);
  });

  it('blocking-read: the timer and the heartbeat start only once the read is done', async () => {
    const result = await run('blocking-read');
    const read = taskOf(result, 'read');
    expect(read).toMatchObject({ status: 'ok', result: '4,194,304 bytes' });
    expect(read.phases.map((phase) => phase.name)).toEqual(['blocked']);
    expect(taskOf(result, 'timer').startMs).toBeGreaterThanOrEqual(read.endMs ?? Infinity);
    const ticks = result.counters.heartbeat ?? [];
    expect(ticks[0]?.atMs).toBeGreaterThanOrEqual(read.endMs ?? Infinity);
  });

  it('async-read: the read goes off the thread, and then the timer starts', async () => {
    const result = await run('async-read');
    const read = taskOf(result, 'read');
    expect(read).toMatchObject({ status: 'ok', result: '4,194,304 bytes' });
    const offThread = read.phases.find((phase) => phase.name === 'off-thread');
    // create_task only schedules the timer: it starts when the read awaits to_thread.
    expect(taskOf(result, 'timer').startMs).toBeGreaterThanOrEqual(offThread?.startMs ?? Infinity);
  });
});
