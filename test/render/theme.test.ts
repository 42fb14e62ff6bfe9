import { describe, expect, it } from 'vitest';
import { PHASE_FILL, STATUS_SYMBOLS } from '../../src/render/theme.js';
import { colored, plain } from './fixtures.js';

describe('Theme', () => {
  it('gives each task a colour of its own, kept for the whole session', () => {
    const theme = colored();
    const coffee = theme.task('coffee')('x');
    const toast = theme.task('toast')('x');
    expect(coffee).not.toBe(toast);
    expect(theme.task('coffee')('x')).toBe(coffee);
    expect(coffee).toBe('\x1b[36mx\x1b[39m');
    expect(toast).toBe('\x1b[35mx\x1b[39m');
  });

  it('hands the palette out again after ten tasks', () => {
    const theme = colored();
    const names = Array.from({ length: 11 }, (_, i) => `task${i}`);
    const painted = names.map((name) => theme.task(name)('x'));
    expect(new Set(painted.slice(0, 10)).size).toBe(10);
    expect(painted[10]).toBe(painted[0]);
  });

  it('shows every status as its symbol, coloured only when colour is on', () => {
    const theme = plain();
    expect([theme.status('ok'), theme.status('error'), theme.status('cancelled')]).toEqual([
      '✓',
      '✗',
      '⊘',
    ]);
    expect(theme.status(null)).toBe(STATUS_SYMBOLS.open);
    expect(colored().status('ok')).toBe('\x1b[32m✓\x1b[39m');
    expect(colored().status('error')).toBe('\x1b[31m✗\x1b[39m');
  });

  it('fills each phase differently', () => {
    expect(new Set(Object.values(PHASE_FILL)).size).toBe(5);
  });
});
