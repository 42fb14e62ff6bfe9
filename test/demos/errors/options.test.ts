import { describe, expect, it } from 'vitest';
import {
  drawFailures,
  parseDurations,
  parseFailList,
  parseFailureRate,
  prepareFailures,
  type Options,
} from '../../../demos/errors/options.js';
import { InvalidValueError } from '../../../src/engine/demo.js';
import { UsageError } from '../../../src/engine/errors.js';
import { createRandom, DEFAULT_SEED } from '../../../src/engine/random.js';

const defaults: Options = { failureRate: null, durations: [1000, 1000, 1000], fail: null };
const HELP = "see 'async-demos errors --help'";

describe('errors options', () => {
  it('the default seed and rate draw a mix: Task1 fails, Task2 and Task3 succeed', () => {
    expect(drawFailures(createRandom(DEFAULT_SEED), 0.3, 3)).toEqual(['Task1']);
    const { state, notes } = prepareFailures(defaults, DEFAULT_SEED);
    expect(state).toEqual({ failing: ['Task1'] });
    expect(notes).toEqual(['failing: Task1 (drawn with rate 0.3)']);
  });

  it('the failure rate decides how many fail', () => {
    const random = () => createRandom(DEFAULT_SEED);
    expect(drawFailures(random(), 0, 3)).toEqual([]);
    expect(drawFailures(random(), 1, 3)).toEqual(['Task1', 'Task2', 'Task3']);
    const { notes } = prepareFailures({ ...defaults, failureRate: 0 }, DEFAULT_SEED);
    expect(notes).toEqual(['failing: none (drawn with rate 0)']);
  });

  it('--fail picks the failures; a task that does not exist is a usage error', () => {
    const { state, notes } = prepareFailures({ ...defaults, fail: ['Task3'] }, DEFAULT_SEED);
    expect(state.failing).toEqual(['Task3']);
    expect(notes).toBeUndefined();
    expect(() => prepareFailures({ ...defaults, fail: ['Task4'] }, DEFAULT_SEED)).toThrow(
      new UsageError('--fail names Task4, but there are only 3 tasks', HELP),
    );
  });

  it('--fail with --failure-rate is a usage error, not a rate silently ignored', () => {
    expect(() =>
      prepareFailures({ ...defaults, fail: ['Task2'], failureRate: 0.5 }, DEFAULT_SEED),
    ).toThrow(
      new UsageError(
        '--fail and --failure-rate do not go together: --fail names the failing tasks, the rate draws them',
        HELP,
      ),
    );
  });

  it('parses the failure rate, the durations and the failing tasks', () => {
    expect(parseFailureRate('0')).toBe(0);
    expect(parseFailureRate('0.5')).toBe(0.5);
    expect(parseFailureRate('1')).toBe(1);
    expect(parseDurations('1,2.5, 3')).toEqual([1000, 2500, 3000]);
    expect(parseFailList('Task1, Task3')).toEqual(['Task1', 'Task3']);
    expect(parseFailList('none')).toEqual([]);
  });

  it.each([
    [parseFailureRate, '1.5', 'a failure rate is a number from 0 to 1'],
    [parseFailureRate, '-0.1', 'a failure rate is a number from 0 to 1'],
    [parseFailureRate, 'often', 'a failure rate is a number from 0 to 1'],
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
