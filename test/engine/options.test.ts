import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../../src/engine/demo.js';
import {
  MAX_SCALE,
  MIN_SCALE,
  parseInteger,
  parseName,
  parseScale,
  parseSeconds,
  parseSeed,
} from '../../src/engine/options.js';
import { MAX_SEED } from '../../src/engine/random.js';

const SCALE_MESSAGE = `a scale is a number from ${MIN_SCALE} to ${MAX_SCALE}, such as 0.1 or 2`;

describe('parseScale', () => {
  it.each([
    ['1', 1],
    ['0.1', 0.1],
    ['.5', 0.5],
    ['2.', 2],
    ['+3', 3],
    ['1e-2', 0.01],
    [' 0.25 ', 0.25],
    [String(MAX_SCALE), MAX_SCALE],
    [String(MIN_SCALE), MIN_SCALE],
  ])('accepts %j as %d', (raw, expected) => {
    expect(parseScale(raw)).toBe(expected);
  });

  it.each([
    '0',
    '-1',
    'abc',
    'Infinity',
    '',
    ' ',
    'NaN',
    '0x10',
    '1,5',
    '101',
    '1e9',
    '--1',
    '1e-320',
    '0.00009',
  ])('rejects %j, saying what is allowed', (raw) => {
    expect(() => parseScale(raw)).toThrow(new InvalidValueError(SCALE_MESSAGE));
  });
});

describe('parseName', () => {
  it('takes printable text, trimmed, unicode included', () => {
    expect(parseName(' œufs 🍳 ', 'a dish name', 24)).toBe('œufs 🍳');
  });

  it.each(['\x1b[2J', 'a\nb', 'a\rb', 'bell\x07', 'a\u202eb', '\x9b31m', ' ', 'x'.repeat(25)])(
    'rejects %j in one line',
    (raw) => {
      expect(() => parseName(raw, 'a dish name', 24)).toThrow(InvalidValueError);
    },
  );
});

describe('parseSeed', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    [String(MAX_SEED), MAX_SEED],
  ])('accepts %j', (raw, expected) => {
    expect(parseSeed(raw)).toBe(expected);
  });

  it.each(['-1', '1.5', 'seed', '', String(MAX_SEED + 1)])('rejects %j', (raw) => {
    expect(() => parseSeed(raw)).toThrow(
      new InvalidValueError(`a seed is a whole number from 0 to ${MAX_SEED}`),
    );
  });
});

describe('parseInteger', () => {
  it.each([
    ['1', 1],
    ['10', 10],
    ['5.0', 5],
    ['1e1', 10],
  ])('accepts %j within [1, 10]', (raw, expected) => {
    expect(parseInteger(raw, 1, 10, 'a count')).toBe(expected);
  });

  it.each(['0', '11', '2.5', 'two', '', '-3'])('rejects %j outside [1, 10]', (raw) => {
    expect(() => parseInteger(raw, 1, 10, 'a count')).toThrow(
      new InvalidValueError('a count is a whole number from 1 to 10'),
    );
  });
});

describe('parseSeconds', () => {
  it.each([
    ['0', 0],
    ['2', 2000],
    ['0.5', 500],
    ['.25', 250],
    ['60', 60_000],
  ])('reads %j seconds as %d ms', (raw, expected) => {
    expect(parseSeconds(raw, 60)).toBe(expected);
  });

  it.each(['-1', '61', 'soon', '', 'Infinity', '1s'])('rejects %j', (raw) => {
    expect(() => parseSeconds(raw, 60)).toThrow(
      new InvalidValueError('a duration is a number of seconds from 0 to 60'),
    );
  });

  it('names the value in its message', () => {
    expect(() => parseSeconds('x', 5, 'the time of eggs')).toThrow(
      'the time of eggs is a number of seconds from 0 to 5',
    );
  });
});
