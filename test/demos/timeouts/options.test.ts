import { describe, expect, it } from 'vitest';
import {
  deadline,
  durations,
  fail,
  jobsOf,
  parseDurations,
  parseFailList,
} from '../../../demos/timeouts/options.js';
import { InvalidValueError } from '../../../src/engine/demo.js';

const specs = { durations, fail, deadline };
const spec = (name: keyof typeof specs) => specs[name];

describe('timeouts options', () => {
  it('--durations takes the three jobs in seconds, fast,medium,slow', () => {
    expect(parseDurations('1,2,3')).toEqual({ fast: 1000, medium: 2000, slow: 3000 });
    expect(parseDurations(' 0.5 , 0, 10')).toEqual({ fast: 500, medium: 0, slow: 10000 });
  });

  it('--fail takes job names, all or none', () => {
    expect(parseFailList('medium')).toEqual(['medium']);
    expect(parseFailList('slow, fast')).toEqual(['fast', 'slow']);
    expect(parseFailList('fast,fast')).toEqual(['fast']);
    expect(parseFailList('all')).toEqual(['fast', 'medium', 'slow']);
    expect(parseFailList('none')).toEqual([]);
  });

  it('--deadline takes seconds', () => {
    expect(deadline.parse('1.5', 0)).toBe(1500);
    expect(deadline.parse('0', 0)).toBe(0);
  });

  it.each([
    ['durations', '1,2', '--durations takes three numbers of seconds, such as 1,2,3'],
    ['durations', '1,2,3,4', '--durations takes three numbers of seconds, such as 1,2,3'],
    ['durations', '1,x,3', 'the duration of medium is a number of seconds from 0 to 3600'],
    ['durations', '1,2,-3', 'the duration of slow is a number of seconds from 0 to 3600'],
    ['durations', '1,2,', 'the duration of slow is a number of seconds from 0 to 3600'],
    ['fail', 'quick', "--fail takes fast, medium or slow (such as fast,slow), 'all' or 'none'"],
    ['fail', '', "--fail takes fast, medium or slow (such as fast,slow), 'all' or 'none'"],
    ['fail', 'fast,none', "--fail takes fast, medium or slow (such as fast,slow), 'all' or 'none'"],
    ['deadline', '-1', 'a deadline is a number of seconds from 0 to 3600'],
    ['deadline', '3601', 'a deadline is a number of seconds from 0 to 3600'],
    ['deadline', 'soon', 'a deadline is a number of seconds from 0 to 3600'],
  ] as const)('rejects --%s %j in one line that says what is allowed', (name, raw, message) => {
    const option = spec(name);
    const parse = () => option.parse(raw, option.default as never);
    expect(parse).toThrow(InvalidValueError);
    expect(parse).toThrow(new InvalidValueError(message));
    expect(message).not.toContain('\n');
  });

  it('makes the jobs in starting order, each with its duration and fate', () => {
    const jobs = jobsOf({
      durations: { fast: 1000, medium: 2000, slow: 3000 },
      fail: ['medium'],
      deadline: 1500,
    });
    expect(jobs).toEqual([
      { name: 'fast', ms: 1000, fails: false },
      { name: 'medium', ms: 2000, fails: true },
      { name: 'slow', ms: 3000, fails: false },
    ]);
  });
});
