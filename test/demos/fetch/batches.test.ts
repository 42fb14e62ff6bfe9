import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runFake } from '../../support.js';
import { BIG_RUN_LIMIT } from '../../../demos/fetch/requests.js';
import { demoWith, fakeClient, target } from './fake-client.js';

describe('a big run, in batches (fake timers)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a big run without --limit has at most BIG_RUN_LIMIT requests in flight', async () => {
    const { client, state } = fakeClient();
    const options = { urls: [target('/delay/1000')], count: 1000, limit: null };
    const run = await runFake(demoWith(client), 'concurrent', options);
    expect(BIG_RUN_LIMIT).toBe(256);
    expect(state.peak).toBe(BIG_RUN_LIMIT);
    // Rounds of 256: 256, 256, 256, 232.
    expect(run.elapsedMs).toBe(4000);
    expect(run.stats).toMatchObject({ requests: 1000, ok: 1000, peakInFlight: BIG_RUN_LIMIT });
  });

  it('a big run is summarised: ten batch lanes, a progress line every tenth, bounded samples', async () => {
    const { client, state } = fakeClient();
    const options = { urls: [target('/delay/1000')], count: 1000, limit: 100 };
    const run = await runFake(demoWith(client), 'concurrent', options);
    expect(state.peak).toBe(100);
    expect(run.elapsedMs).toBe(10_000);
    expect(run.tasks.map((task) => task.name)).toEqual(
      Array.from(
        { length: 10 },
        (_, i) => `requests ${i * 100 + 1}–${i === 9 ? '1,000' : (i + 1) * 100}`,
      ),
    );
    expect(run.tasks.map((task) => task.endMs)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i + 1) * 1000),
    );
    expect(run.tasks[0]?.result).toEqual({ requests: 100 });
    expect(run.logs).toHaveLength(11);
    expect(run.logs[0]?.message).toBe(
      '1,000 requests in batches of 100: a line every tenth done, not one per request',
    );
    expect(run.logs.at(-1)?.message).toBe('1,000 of 1,000 done · 0 in flight · 0 failed');
    expect(run.counters.inFlight?.length).toBeLessThan(100);
    expect(Math.max(...(run.counters.inFlight ?? []).map((s) => s.value))).toBe(100);
    expect(run.stats).toMatchObject({
      requests: 1000,
      ok: 1000,
      failed: 0,
      requestsPerSecond: 100,
      peakInFlight: 100,
    });
  });

  it('a big sequential run: each batch starts when the one before has ended', async () => {
    const { client, state } = fakeClient();
    const options = { urls: [target('/delay/100')], count: 50 };
    const run = await runFake(demoWith(client), 'sequential', options);
    expect(state.peak).toBe(1);
    expect(run.tasks.map((task) => [task.name, task.startMs, task.endMs])).toEqual(
      Array.from({ length: 10 }, (_, i) => [
        `requests ${i * 5 + 1}–${i * 5 + 5}`,
        i * 500,
        (i + 1) * 500,
      ]),
    );
  });

  it('Ctrl-C in a big run stops handing out requests and cancels the batches left', async () => {
    const { client, state } = fakeClient();
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 2500);
    const options = { urls: [target('/delay/1000')], count: 100, limit: 10 };
    const run = await runFake(demoWith(client), 'concurrent', options, {
      signal: interrupt.signal,
    });
    expect(run.interrupted).toBe(true);
    expect(state.requests).toBe(30);
    expect(state.inFlight).toBe(0);
    expect(run.tasks.map((task) => task.status)).toEqual([
      'ok',
      'ok',
      ...Array.from({ length: 8 }, () => 'cancelled'),
    ]);
  });

  it('a big run logs its first failures by name and counts the rest', async () => {
    const { client } = fakeClient();
    const urls = [target('/delay/10'), target('/fail')];
    const run = await runFake(demoWith(client), 'concurrent', { urls, count: 40 });
    expect(run.stats).toMatchObject({ requests: 40, ok: 20, failed: 20, failures: { status: 20 } });
    const failureLines = run.logs.filter((line) => line.message.includes('failed:'));
    expect(failureLines.map((line) => line.message)).toEqual([
      '/fail failed: HTTP 500 Internal Server Error',
      '/fail #2 failed: HTTP 500 Internal Server Error',
      '/fail #3 failed: HTTP 500 Internal Server Error',
    ]);
    expect(run.logs.map((line) => line.message)).toContain(
      'further failures are counted, not logged',
    );
    // Every lane holds failed requests: each ends as an error that says how many and why.
    expect(run.tasks.map((task) => [task.status, task.error])).toEqual(
      Array.from({ length: 10 }, () => [
        'error',
        '2 of 4 failed; the first: HTTP 500 Internal Server Error',
      ]),
    );
  });
});
