import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineDemo, defineOption } from '../src/engine/demo.js';
import { fakeClock, runFake, span } from './support.js';

describe('fakeClock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sleeps on fake time and blocks by moving now() forward', async () => {
    const clock = fakeClock();
    const start = clock.now();
    const slept = clock.sleep(1000);
    await vi.advanceTimersByTimeAsync(1000);
    await slept;
    expect(clock.now() - start).toBe(1000);
    clock.block(500);
    expect(clock.now() - start).toBe(1500);
  });
});

describe('runFake', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs the demo's prepare first, with the variant, and disposes after", async () => {
    const calls: string[] = [];
    const demo = defineDemo({
      name: 'prepared',
      summary: '',
      options: {
        ms: defineOption({ flags: '--ms <n>', description: '', default: 0, parse: Number }),
      },
      prepare(options, { variants }) {
        calls.push(`prepare ${String(variants)} ${options.ms}`);
        const dispose = () => {
          calls.push('dispose');
          return Promise.resolve();
        };
        return Promise.resolve({ state: { ms: options.ms * 2 }, dispose });
      },
      variants: {
        only: {
          summary: '',
          ideal: () => null,
          async run(ctx) {
            calls.push('run');
            await ctx.task('slept', () => ctx.sleep(ctx.state.ms));
          },
        },
      },
    });
    const run = await runFake(demo, 'only', { ms: 500 });
    expect(calls).toEqual(['prepare only 500', 'run', 'dispose']);
    expect(span(run, 'slept')).toEqual({ start: 0, end: 1000, status: 'ok', result: null });
    expect(() => span(run, 'missing')).toThrow('no task missing');
  });
});
