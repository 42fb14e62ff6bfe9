import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import errors, {
  drawFailures,
  parseDurations,
  parseFailList,
  parseProbability,
} from '../../demos/errors.js';
import { InvalidValueError } from '../../src/demo.js';
import { UsageError } from '../../src/errors.js';
import { createRandom, DEFAULT_SEED } from '../../src/random.js';
import type { RunResult } from '../../src/runner.js';
import { defaultOptions, runFake } from '../support.js';

type Options = Parameters<NonNullable<typeof errors.prepare>>[0];
const defaults: Options = { failureRate: 0.3, durations: [1000, 1000, 1000], fail: null };
const STAGGERED = [1000, 2000, 3000];

async function prepared(options: Partial<Options> = {}, seed = DEFAULT_SEED) {
  const result = await errors.prepare?.(
    { ...defaults, ...options },
    { scale: 1, seed, signal: new AbortController().signal },
  );
  if (!result) throw new Error('errors has a prepare step');
  return result;
}

function spans(run: RunResult) {
  return run.tasks.map((t) => ({ name: t.name, start: t.startMs, end: t.endMs, status: t.status }));
}

describe('errors demo', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('declares the defaults of SCENARIOS.md', () => {
    expect(defaultOptions(errors.options)).toEqual(defaults);
  });

  it('the default seed gives a mix: Task1 fails, Task2 and Task3 succeed', async () => {
    expect(drawFailures(createRandom(DEFAULT_SEED), defaults)).toEqual(['Task1']);
    const { options, notes } = await prepared();
    expect(options.fail).toEqual(['Task1']);
    expect(notes).toEqual(['failing: Task1 (drawn with rate 0.3)']);
  });

  it('the failure rate decides how many fail', () => {
    const random = () => createRandom(DEFAULT_SEED);
    expect(drawFailures(random(), { ...defaults, failureRate: 0 })).toEqual([]);
    expect(drawFailures(random(), { ...defaults, failureRate: 1 })).toEqual([
      'Task1',
      'Task2',
      'Task3',
    ]);
  });

  it('the same tasks fail in every variant, and the ideals follow from the seed', async () => {
    const ideals: Record<string, number | null> = {};
    for (const variant of Object.keys(errors.variants)) {
      const run = await runFake(errors, variant, { durations: STAGGERED });
      ideals[variant] = run.idealMs;
      const failed = run.tasks.filter((t) => t.status === 'error').map((t) => t.name);
      expect(failed, variant).toEqual(['Task1']);
      expect(run.tasks.find((t) => t.name === 'Task1')?.error).toBe('Task1 failed');
    }
    expect(ideals).toEqual({ sequential: 6000, 'fail-fast': 1000, settled: 3000, cancel: 1000 });
  });

  it('sequential: one at a time, the failure caught, the others carried on', async () => {
    const run = await runFake(errors, 'sequential');
    expect(spans(run)).toEqual([
      { name: 'Task1', start: 0, end: 1000, status: 'error' },
      { name: 'Task2', start: 1000, end: 2000, status: 'ok' },
      { name: 'Task3', start: 2000, end: 3000, status: 'ok' },
    ]);
    expect(run.tasks[1]?.result).toBe('Task2: Success!');
    expect(run.logs.map((l) => l.message)).toContain('caught "Task1 failed", carrying on');
    expect(run.stats.callerGot).toBe('2 ok, 1 caught');
    expect(run.elapsedMs).toBe(3000);
    expect(run.idealMs).toBe(3000);
  });

  it('fail-fast: rejects at the first failure while the orphans run to their end', async () => {
    const { options } = await prepared({ durations: STAGGERED });
    const run = await runFake(errors, 'fail-fast', options);
    expect(run.elapsedMs).toBe(1000);
    expect(run.idealMs).toBe(1000);
    expect(spans(run)).toEqual([
      { name: 'Task1', start: 0, end: 1000, status: 'error' },
      { name: 'Task2', start: 0, end: 2000, status: 'ok' },
      { name: 'Task3', start: 0, end: 3000, status: 'ok' },
    ]);
    expect(run.stats.callerGot).toBe('first error: Task1 failed');
    const rejected = run.logs.find((l) => l.message.startsWith('Promise.all rejected'));
    expect(rejected?.atMs).toBe(1000);
  });

  it('fail-fast with no failure resolves with every value', async () => {
    const run = await runFake(errors, 'fail-fast', { fail: [] });
    expect(run.stats.callerGot).toBe('value: [3 results]');
    expect(run.elapsedMs).toBe(1000);
  });

  it('cancel: the first failure aborts the siblings, which end cancelled, early', async () => {
    const { options } = await prepared({ durations: STAGGERED });
    const run = await runFake(errors, 'cancel', options);
    expect(spans(run)).toEqual([
      { name: 'Task1', start: 0, end: 1000, status: 'error' },
      { name: 'Task2', start: 0, end: 1000, status: 'cancelled' },
      { name: 'Task3', start: 0, end: 1000, status: 'cancelled' },
    ]);
    expect(run.elapsedMs).toBe(1000);
    expect(run.idealMs).toBe(1000);
    expect(run.stats.callerGot).toBe('error: Task1 failed, 2 cancelled');
    const cancelled = run.logs.filter((l) => l.message === 'cancelled: a sibling failed');
    expect(cancelled.map((l) => l.task)).toEqual(['Task2', 'Task3']);
  });

  it('cancel with a later failure lets the earlier tasks succeed', async () => {
    const run = await runFake(errors, 'cancel', { durations: STAGGERED, fail: ['Task2'] });
    expect(spans(run).map((s) => [s.name, s.end, s.status])).toEqual([
      ['Task1', 1000, 'ok'],
      ['Task2', 2000, 'error'],
      ['Task3', 2000, 'cancelled'],
    ]);
    expect(run.elapsedMs).toBe(2000);
  });

  it('settled: every outcome reported, successes and failures side by side', async () => {
    const { options } = await prepared({ durations: STAGGERED });
    const run = await runFake(errors, 'settled', options);
    expect(spans(run).map((s) => [s.name, s.end, s.status])).toEqual([
      ['Task1', 1000, 'error'],
      ['Task2', 2000, 'ok'],
      ['Task3', 3000, 'ok'],
    ]);
    expect(run.elapsedMs).toBe(3000);
    expect(run.idealMs).toBe(3000);
    expect(run.logs.filter((l) => l.task === null).map((l) => l.message)).toEqual([
      'Task1: rejected with "Task1 failed"',
      'Task2: fulfilled with "Task2: Success!"',
      'Task3: fulfilled with "Task3: Success!"',
    ]);
    expect(run.stats.callerGot).toBe('3 outcomes: 2 ok, 1 error(s)');
  });

  it('shows what the caller got in a comparison column', () => {
    const column = errors.columns?.[0];
    expect(column?.header).toBe('Caller got');
    const run = { stats: { callerGot: 'first error: Task1 failed' } } as unknown as RunResult;
    expect(column?.cell(run)).toBe('first error: Task1 failed');
    expect(column?.cell({ stats: {} } as unknown as RunResult)).toBe('—');
  });

  it('--fail picks the failures; a task that does not exist is a usage error', async () => {
    const { options, notes } = await prepared({ fail: ['Task3'] });
    expect(options.fail).toEqual(['Task3']);
    expect(notes).toBeUndefined();
    await expect(prepared({ fail: ['Task4'] })).rejects.toThrow(
      new UsageError(
        '--fail names Task4, but there are only 3 tasks',
        "see 'async-demos errors --help'",
      ),
    );
  });

  it('parses the failure rate, the durations and the failing tasks', () => {
    expect(parseProbability('0')).toBe(0);
    expect(parseProbability('0.5')).toBe(0.5);
    expect(parseProbability('1')).toBe(1);
    expect(parseDurations('1,2.5, 3')).toEqual([1000, 2500, 3000]);
    expect(parseFailList('Task1, Task3')).toEqual(['Task1', 'Task3']);
    expect(parseFailList('none')).toEqual([]);
  });

  it.each([
    [parseProbability, '1.5', 'a failure rate is a number from 0 to 1, such as 0.3'],
    [parseProbability, '-0.1', 'a failure rate is a number from 0 to 1, such as 0.3'],
    [parseProbability, 'often', 'a failure rate is a number from 0 to 1, such as 0.3'],
    [parseDurations, '1,,2', 'the duration of Task2 is a number of seconds from 0 to 3600'],
    [parseDurations, '1,x', 'the duration of Task2 is a number of seconds from 0 to 3600'],
    [parseDurations, '', 'the duration of Task1 is a number of seconds from 0 to 3600'],
    [
      parseDurations,
      '1,2,3,4,5,6,7,8,9,10,11,12,13',
      'durations name at most 12 tasks, such as 1,2,3',
    ],
    [parseFailList, 'Task0', "--fail takes task names such as Task1,Task3, or 'none'"],
    [parseFailList, 'everything', "--fail takes task names such as Task1,Task3, or 'none'"],
  ] as const)('%o rejects %j', (parse: (raw: string) => unknown, raw, message) => {
    expect(() => parse(raw)).toThrow(new InvalidValueError(message));
  });
});
