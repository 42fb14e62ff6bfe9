import { describe, expect, it } from 'vitest';
import { padEnd, padStart, truncate, visibleWidth } from '../../src/render/text.js';

describe('visibleWidth', () => {
  it.each([
    ['coffee', 6],
    ['☕', 2],
    ['🍞 toast', 8],
    ['\x1b[36mcoffee\x1b[39m', 6],
    ['█░▓', 3],
    ['', 0],
  ])('measures %j as %d columns', (text, width) => {
    expect(visibleWidth(text)).toBe(width);
  });
});

describe('padEnd and padStart', () => {
  it('pad by terminal columns, not by characters', () => {
    expect(padEnd('☕', 4)).toBe('☕  ');
    expect(padStart('☕', 4)).toBe('  ☕');
    expect(padEnd('\x1b[1mab\x1b[22m', 3)).toBe('\x1b[1mab\x1b[22m ');
  });

  it('leave text already wide enough alone', () => {
    expect(padEnd('toast', 3)).toBe('toast');
    expect(padStart('toast', 5)).toBe('toast');
  });
});

describe('truncate', () => {
  it('keeps text that fits and cuts the rest with an ellipsis, within the width', () => {
    expect(truncate('coffee', 6)).toBe('coffee');
    expect(truncate('coffee', 5)).toBe('coff…');
    expect(truncate('☕☕☕', 5)).toBe('☕☕…');
    expect(visibleWidth(truncate('☕☕☕', 4))).toBeLessThanOrEqual(4);
  });
});
