import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Timeouts } from '../../../demos/fetch/timeouts.js';
import { defineDemo, type DemoContext } from '../../../src/engine/demo.js';
import { runFake } from '../../support.js';

/** Runs `script` as the only variant of a demo, on fake timers, at `scale`. */
function record(script: (ctx: DemoContext<Record<string, never>>) => Promise<void>, scale = 1) {
  const demo = defineDemo({
    name: 'timeouts',
    summary: 'drives Timeouts by hand',
    options: {},
    variants: { only: { summary: '', ideal: () => null, run: script } },
  });
  return runFake(demo, 'only', {}, { scale });
}

describe('Timeouts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires each timeout its own time after it started, unless cancelled', async () => {
    const fired: [string, number][] = [];
    await record(async (ctx) => {
      const timeouts = new Timeouts(ctx, 100);
      const at = (name: string) => () => fired.push([name, ctx.now()]);
      timeouts.start(at('a'));
      await ctx.sleep(10);
      const b = timeouts.start(at('b'));
      await ctx.sleep(10);
      timeouts.start(at('c'));
      b.cancel();
      await ctx.sleep(200);
      // Started again after the queue ran dry.
      timeouts.start(at('d'));
      await ctx.sleep(150);
      timeouts.stop();
    });
    expect(fired).toEqual([
      ['a', 100],
      ['c', 120],
      ['d', 320],
    ]);
  });

  it('counts real milliseconds at any scale', async () => {
    const fired: number[] = [];
    await record(async (ctx) => {
      const timeouts = new Timeouts(ctx, 1000);
      timeouts.start(() => fired.push(ctx.now()));
      await ctx.sleep(20_000); // 2 s at this scale
      timeouts.stop();
    }, 0.1);
    expect(fired).toEqual([1000]);
  });

  it('leaves no timer once stopped, with timeouts still pending', async () => {
    let timersLeft = -1;
    await record(async (ctx) => {
      const timeouts = new Timeouts(ctx, 5000);
      for (let i = 0; i < 1000; i++) timeouts.start(() => {});
      timeouts.stop();
      await Promise.resolve();
      timersLeft = vi.getTimerCount();
    });
    expect(timersLeft).toBe(0);
  });
});
