import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineDemo } from '../../src/engine/demo.js';
import {
  HEARTBEAT_COUNTER,
  HEARTBEAT_FIRST_TICK_MS,
  HEARTBEAT_INTERVAL_MS,
  startHeartbeat,
} from '../../src/engine/heartbeat.js';
import { runVariant } from '../../src/engine/runner.js';
import { fakeClock, runFake } from '../support.js';

/** Holds the thread, or waits without holding it, for `ms`; the heartbeat on in both. */
const probe = defineDemo({
  name: 'probe',
  summary: 'a block and a sleep of the same length',
  options: {},
  variants: {
    block: {
      summary: 'a synchronous sleep',
      ideal: () => 300,
      heartbeat: true,
      async run(ctx) {
        await ctx.task('block', async () => {
          await ctx.sleep(20);
          ctx.block(300);
        });
      },
    },
    sleep: {
      summary: 'a timer',
      ideal: () => 300,
      heartbeat: true,
      async run(ctx) {
        await ctx.task('sleep', async () => {
          await ctx.sleep(20);
          await ctx.sleep(300);
        });
      },
    },
    quiet: {
      summary: 'no heartbeat',
      ideal: () => 50,
      run: (ctx) => ctx.sleep(50),
    },
  },
});

describe('startHeartbeat on fake timers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ticks on time while the loop is free and reports a block as one late tick', async () => {
    const clock = fakeClock();
    const ticks: number[] = [];
    const heartbeat = startHeartbeat(clock, (lateness) => ticks.push(lateness));
    await vi.advanceTimersByTimeAsync(4 * HEARTBEAT_INTERVAL_MS);
    expect(ticks).toEqual([0, 0, 0, 0]);
    clock.block(200);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_INTERVAL_MS);
    expect(ticks.at(-1)).toBe(200);
    await heartbeat.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a stall still going on when it stops', async () => {
    const clock = fakeClock();
    const ticks: number[] = [];
    const heartbeat = startHeartbeat(clock, (lateness) => ticks.push(lateness));
    clock.block(1000);
    await heartbeat.stop();
    expect(ticks).toEqual([1000 - HEARTBEAT_FIRST_TICK_MS]);
  });
});

describe('the runner with a heartbeat, on fake timers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ends (no endless interval) and leaves no timer behind', async () => {
    const run = await runFake(probe, 'sleep');
    expect(run.elapsedMs).toBe(320);
    const ticks = run.counters[HEARTBEAT_COUNTER] ?? [];
    // At 1 ms, then every 5 ms: 1, 6, … 316.
    expect(ticks).toHaveLength(
      Math.floor((320 - HEARTBEAT_FIRST_TICK_MS) / HEARTBEAT_INTERVAL_MS) + 1,
    );
    expect(ticks.every((tick) => tick.value === 0)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('records the gap of a block in the heartbeat counter', async () => {
    const run = await runFake(probe, 'block');
    const ticks = run.counters[HEARTBEAT_COUNTER] ?? [];
    // Ticks at 1, 6, 11 and 16 ms; the one due at 21 ms waits for the block to end at 320 ms.
    const held = 320 - (HEARTBEAT_FIRST_TICK_MS + 4 * HEARTBEAT_INTERVAL_MS);
    expect(ticks.map((tick) => tick.value)).toEqual([0, 0, 0, 0, held]);
    expect(ticks.at(-1)?.atMs).toBe(320);
    // The monitor's figures are real time (next to nothing in a fake run); the heartbeat's stall
    // is counted in.
    expect(run.stats.maxLoopDelayMs).toBeGreaterThanOrEqual(held);
  });

  it('is off unless the variant asks for it', async () => {
    const run = await runFake(probe, 'quiet');
    expect(run.counters[HEARTBEAT_COUNTER]).toBeUndefined();
    expect(run.stats).toEqual({});
  });
});

describe('the runner with a heartbeat, in real time', () => {
  const settings = { scale: 1, seed: 1 };

  it('shows a gap under a blocking sleep and none under a timer', async () => {
    const timersBefore = countTimers();
    const blocked = await runVariant(probe, 'block', { options: {}, ...settings });
    const free = await runVariant(probe, 'sleep', { options: {}, ...settings });

    const longest = (run: typeof blocked) =>
      Math.max(...(run.counters[HEARTBEAT_COUNTER] ?? []).map((tick) => tick.value));
    // Blocked 300 ms: one tick at least that late, and the loop's delay says so.
    expect(longest(blocked)).toBeGreaterThanOrEqual(250);
    expect(blocked.stats.maxLoopDelayMs).toBeGreaterThanOrEqual(250);
    // On a timer the loop stays free: only a busy machine's jitter, far below the block.
    expect(longest(free)).toBeLessThan(longest(blocked) / 2);
    expect(free.stats.maxLoopDelayMs).toBeLessThan(Number(blocked.stats.maxLoopDelayMs) / 2);
    // Ticks all along: at least a fifth of those due in 320 ms, even on a loaded machine.
    expect(free.counters[HEARTBEAT_COUNTER]?.length).toBeGreaterThan(
      320 / HEARTBEAT_INTERVAL_MS / 5,
    );
    expect(countTimers()).toBeLessThanOrEqual(timersBefore);
  });
});

function countTimers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}
