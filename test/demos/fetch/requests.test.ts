import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FetchOptions } from '../../../demos/fetch/index.js';
import { runFake } from '../../support.js';
import { demoWith, fakeClient, target } from './fake-client.js';

const FOUR = ['/delay/2000', '/delay/1000', '/delay/3000', '/delay/0'].map(target);

function ends(run: { tasks: { name: string; endMs: number | null }[] }) {
  return run.tasks.map((task) => [task.name, task.endMs]);
}

describe('runRequests on fake timers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('concurrent: every request starts at 0 and ends after its own delay', async () => {
    const { client } = fakeClient();
    const run = await runFake(demoWith(client), 'concurrent', { urls: FOUR });
    expect(run.tasks.map((task) => task.startMs)).toEqual([0, 0, 0, 0]);
    expect(ends(run)).toEqual([
      ['/delay/2000', 2000],
      ['/delay/1000', 1000],
      ['/delay/3000', 3000],
      ['/delay/0', 0],
    ]);
    expect(run.elapsedMs).toBe(3000);
    expect(run.tasks[0]?.result).toEqual({
      url: 'http://fake.test/delay/2000',
      status: 200,
      bytes: 10,
      ms: 2000,
    });
    expect(run.stats).toMatchObject({ requests: 4, ok: 4, failed: 0, peakInFlight: 4 });
  });

  it('sequential: each request starts when the one before has ended', async () => {
    const { client, state } = fakeClient();
    const run = await runFake(demoWith(client), 'sequential', { urls: FOUR });
    expect(run.tasks.map((task) => task.startMs)).toEqual([0, 2000, 3000, 6000]);
    expect(run.elapsedMs).toBe(6000);
    expect(state.peak).toBe(1);
    expect(run.stats).toMatchObject({ peakInFlight: 1, requestsPerSecond: 0.7 });
  });

  it('gives up on a request after the timeout, on the clock the tests control', async () => {
    const { client, state } = fakeClient();
    const urls = [target('/delay/60000'), target('/delay/1000')];
    const run = await runFake(demoWith(client), 'concurrent', { urls, timeout: 5000 });
    expect(run.tasks.map((task) => [task.status, task.endMs, task.error])).toEqual([
      ['error', 5000, 'timed out after 5 s'],
      ['ok', 1000, null],
    ]);
    expect(run.stats).toMatchObject({ ok: 1, failed: 1, failures: { timeout: 1 } });
    expect(state.inFlight).toBe(0);
  });

  it('keeps the timeout whole at a small scale, and stretches it at a large one', async () => {
    const { client } = fakeClient();
    const urls = [target('/delay/60000')];
    const small = await runFake(demoWith(client), 'concurrent', { urls }, { scale: 0.1 });
    expect(small.tasks[0]?.endMs).toBe(5000);
    const large = await runFake(demoWith(client), 'concurrent', { urls }, { scale: 2 });
    expect(large.tasks[0]?.endMs).toBe(10_000);
    expect(large.tasks[0]?.error).toBe('timed out after 10 s');
  });

  it('a failure is a row with its reason; the others go on', async () => {
    const { client } = fakeClient();
    const urls = [target('/fail'), target('/delay/500')];
    const run = await runFake(demoWith(client), 'sequential', { urls });
    expect(run.tasks.map((task) => [task.name, task.status, task.error])).toEqual([
      ['/fail', 'error', 'HTTP 500 Internal Server Error'],
      ['/delay/500', 'ok', null],
    ]);
    expect(run.logs.map((line) => line.message)).toContain(
      'failed: HTTP 500 Internal Server Error',
    );
  });

  it('--limit: never more in flight than the limit, the rest wait their turn', async () => {
    const { client, state } = fakeClient();
    const options: Partial<FetchOptions> = { urls: [target('/delay/1000')], count: 12, limit: 3 };
    const run = await runFake(demoWith(client), 'concurrent', options);
    expect(state.peak).toBe(3);
    expect(run.stats).toMatchObject({ requests: 12, ok: 12, peakInFlight: 3 });
    expect(run.tasks.map((task) => task.endMs)).toEqual([
      1000, 1000, 1000, 2000, 2000, 2000, 3000, 3000, 3000, 4000, 4000, 4000,
    ]);
    expect(run.tasks[1]?.name).toBe('/delay/1000 #2');
    // The fourth waited for a permit from 0 to 1 s, then awaited its answer.
    expect(run.tasks[3]?.phases).toEqual([
      { name: 'waiting', startMs: 0, endMs: 1000 },
      { name: 'awaiting', startMs: 1000, endMs: 2000 },
    ]);
  });

  it('Ctrl-C cancels what is in flight and what waits, and starts nothing more', async () => {
    const { client, state } = fakeClient();
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 1500);
    const options = { urls: [target('/delay/1000')], count: 6, limit: 2 };
    const run = await runFake(demoWith(client), 'concurrent', options, {
      signal: interrupt.signal,
    });
    expect(run.interrupted).toBe(true);
    expect(run.tasks.map((task) => task.status)).toEqual([
      'ok',
      'ok',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(state.inFlight).toBe(0);
    expect(state.requests).toBe(4);
  });
});
