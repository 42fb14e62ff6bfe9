import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import breakfast, { parseDish } from '../../demos/breakfast.js';
import { InvalidValueError, type OptionSpec } from '../../src/engine/demo.js';
import type { RunResult } from '../../src/engine/runner.js';
import { runFake } from '../support.js';

const spans = (run: RunResult) =>
  run.tasks.map((t) => ({
    name: t.name,
    startMs: t.startMs,
    endMs: t.endMs,
    status: t.status,
    result: t.result,
    phases: t.phases.map((p) => p.name),
  }));

const messages = (run: RunResult) => run.logs.map((line) => `${line.atMs} ${line.message}`);

/** Parses --dish values one after the other, as commander does for a repeated option. */
type Dishes = readonly ReturnType<typeof parseDish>[];
// The registry sees options as OptionSpecs; this one is known to hold the dishes.
const dishSpec = breakfast.options.dishes as OptionSpec<Dishes>;

function dishes(...raws: string[]): Dishes {
  return raws.reduce((previous, raw) => dishSpec.parse(raw, previous), dishSpec.default);
}

describe('breakfast', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('concurrent: both dishes start at 0, toast is ready at 2 s, coffee at 3 s', async () => {
    const run = await runFake(breakfast, 'concurrent');
    expect(run.elapsedMs).toBe(3000);
    expect(run.idealMs).toBe(3000);
    expect(spans(run)).toEqual([
      {
        name: 'coffee',
        startMs: 0,
        endMs: 3000,
        status: 'ok',
        result: 'Hot coffee',
        phases: ['awaiting'],
      },
      {
        name: 'toast',
        startMs: 0,
        endMs: 2000,
        status: 'ok',
        result: 'Crispy toast',
        phases: ['awaiting'],
      },
    ]);
    expect(messages(run)).toEqual([
      '0 start coffee (3 s)',
      '0 start toast (2 s)',
      '2000 toast ready: Crispy toast',
      '3000 coffee ready: Hot coffee',
      '3000 breakfast is ready: Hot coffee, Crispy toast',
    ]);
  });

  it('sequential: toast starts when coffee is ready', async () => {
    const run = await runFake(breakfast, 'sequential');
    expect(run.elapsedMs).toBe(5000);
    expect(run.idealMs).toBe(5000);
    expect(spans(run)).toEqual([
      {
        name: 'coffee',
        startMs: 0,
        endMs: 3000,
        status: 'ok',
        result: 'Hot coffee',
        phases: ['awaiting'],
      },
      {
        name: 'toast',
        startMs: 3000,
        endMs: 5000,
        status: 'ok',
        result: 'Crispy toast',
        phases: ['awaiting'],
      },
    ]);
    expect(messages(run)).toEqual([
      '0 start coffee (3 s)',
      '3000 coffee ready: Hot coffee',
      '3000 start toast (2 s)',
      '5000 toast ready: Crispy toast',
      '5000 breakfast is ready: Hot coffee, Crispy toast',
    ]);
  });

  it('blocking: the same times as sequential, each dish in a blocked phase', async () => {
    const run = await runFake(breakfast, 'blocking');
    expect(run.elapsedMs).toBe(5000);
    expect(run.idealMs).toBe(5000);
    expect(spans(run)).toEqual([
      {
        name: 'coffee',
        startMs: 0,
        endMs: 3000,
        status: 'ok',
        result: 'Hot coffee',
        phases: ['blocked'],
      },
      {
        name: 'toast',
        startMs: 3000,
        endMs: 5000,
        status: 'ok',
        result: 'Crispy toast',
        phases: ['blocked'],
      },
    ]);
    expect(messages(run)).toEqual([
      '0 start coffee (3 s)',
      '3000 coffee ready: Hot coffee',
      '3000 start toast (2 s)',
      '5000 toast ready: Crispy toast',
    ]);
  });

  it('blocking really blocks: it waits through the clock, not on a timer', async () => {
    const block = vi.fn();
    const sleep = vi.fn(() => Promise.resolve());
    const run = runFake(breakfast, 'blocking', {}, { clock: { now: () => 0, sleep, block } });
    await run;
    expect(block.mock.calls).toEqual([[3000], [2000]]);
    expect(sleep).not.toHaveBeenCalled();
  });

  it.each([
    ['concurrent', 300, [0, 300], [0, 200]],
    ['sequential', 500, [0, 300], [300, 500]],
    ['blocking', 500, [0, 300], [300, 500]],
  ])('%s at scale 0.1 takes %d ms', async (variant, elapsed, coffee, toast) => {
    const run = await runFake(breakfast, variant, {}, { scale: 0.1 });
    expect(run.elapsedMs).toBeCloseTo(elapsed, 6);
    expect(run.idealMs).toBeCloseTo(elapsed, 6);
    const times = run.tasks.map((t) => [t.startMs, t.endMs ?? NaN]);
    expect(times[0]?.map((ms) => Math.round(ms))).toEqual(coffee);
    expect(times[1]?.map((ms) => Math.round(ms))).toEqual(toast);
  });

  it('runs the dishes given on the command line', async () => {
    const options = { dishes: dishes('toast=1', 'eggs=4') };
    const concurrent = await runFake(breakfast, 'concurrent', options);
    expect(concurrent.elapsedMs).toBe(4000);
    expect(concurrent.idealMs).toBe(4000);
    expect(spans(concurrent).map((t) => [t.name, t.startMs, t.endMs, t.result])).toEqual([
      ['coffee', 0, 3000, 'Hot coffee'],
      ['toast', 0, 1000, 'Crispy toast'],
      ['eggs', 0, 4000, 'Fresh eggs'],
    ]);
    const sequential = await runFake(breakfast, 'sequential', options);
    expect(sequential.elapsedMs).toBe(8000);
    expect(sequential.idealMs).toBe(8000);
  });

  it('stops at Ctrl-C with the dish in progress cancelled', async () => {
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 4000);
    const run = await runFake(breakfast, 'sequential', {}, { signal: interrupt.signal });
    expect(run.interrupted).toBe(true);
    expect(run.elapsedMs).toBe(4000);
    expect(spans(run).map((t) => [t.name, t.status, t.endMs])).toEqual([
      ['coffee', 'ok', 3000],
      ['toast', 'cancelled', 4000],
    ]);
  });
});

describe('--dish', () => {
  it('reads name=seconds, with the known result of a known dish', () => {
    expect(parseDish('eggs=4')).toEqual({ name: 'eggs', ms: 4000, result: 'Fresh eggs' });
    expect(parseDish('toast=0.5')).toEqual({ name: 'toast', ms: 500, result: 'Crispy toast' });
    expect(parseDish(' juice =0')).toEqual({ name: 'juice', ms: 0, result: 'Fresh juice' });
  });

  it('replaces a dish of the same name in place, and adds a new one at the end', () => {
    expect(dishes('toast=1', 'eggs=4', 'coffee=2', 'eggs=1').map((d) => [d.name, d.ms])).toEqual([
      ['coffee', 2000],
      ['toast', 1000],
      ['eggs', 1000],
    ]);
    // The default list itself is never changed.
    expect(dishSpec.default.map((d) => d.ms)).toEqual([3000, 2000]);
  });

  it.each([
    ['eggs', 'a dish is name=seconds, such as eggs=4'],
    ['=4', 'a dish is name=seconds, such as eggs=4'],
    [' =4', 'a dish is name=seconds, such as eggs=4'],
    ['eggs=', 'the time of eggs is a number of seconds from 0 to 3600'],
    ['eggs=soon', 'the time of eggs is a number of seconds from 0 to 3600'],
    ['eggs=-1', 'the time of eggs is a number of seconds from 0 to 3600'],
    ['eggs=3601', 'the time of eggs is a number of seconds from 0 to 3600'],
    [`${'x'.repeat(25)}=1`, 'a dish name has at most 24 characters'],
  ])('rejects %j: %s', (raw, message) => {
    expect(() => dishes(raw)).toThrow(new InvalidValueError(message));
    expect(() => dishes(raw)).toThrow(InvalidValueError);
  });

  it('refuses more than twelve dishes', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `dish${i}=1`);
    expect(dishes(...ten)).toHaveLength(12);
    expect(() => dishes(...ten, 'one-too-many=1')).toThrow(
      new InvalidValueError('a breakfast has at most 12 dishes'),
    );
    // Changing a dish when the table is full is still fine.
    expect(dishes(...ten, 'toast=1')).toHaveLength(12);
  });
});
