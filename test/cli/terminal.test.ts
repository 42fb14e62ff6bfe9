import { describe, expect, it } from 'vitest';
import { colorLevel, outputWidth, type OutputStream } from '../../src/cli/terminal.js';

const tty: OutputStream = { write: () => true, isTTY: true, columns: 120 };
const pipe: OutputStream = { write: () => true };

describe('colorLevel', () => {
  it.each<[string, boolean, OutputStream, Record<string, string>, number]>([
    ['a plain terminal', true, tty, { TERM: 'xterm' }, 1],
    ['a 256-colour terminal', true, tty, { TERM: 'xterm-256color' }, 2],
    ['a truecolor terminal', true, tty, { COLORTERM: 'truecolor' }, 3],
    ['a dumb terminal', true, tty, { TERM: 'dumb' }, 0],
    ['a pipe', true, pipe, {}, 0],
    ['a pipe with FORCE_COLOR=1', true, pipe, { FORCE_COLOR: '1' }, 1],
    ['a pipe with FORCE_COLOR=3', true, pipe, { FORCE_COLOR: '3' }, 3],
    ['a pipe with FORCE_COLOR empty', true, pipe, { FORCE_COLOR: '' }, 1],
    ['a pipe with FORCE_COLOR=true', true, pipe, { FORCE_COLOR: 'true' }, 1],
    ['a terminal with FORCE_COLOR=0', true, tty, { FORCE_COLOR: '0' }, 0],
    ['a terminal with FORCE_COLOR=false', true, tty, { FORCE_COLOR: 'false' }, 0],
    ['a terminal with NO_COLOR', true, tty, { NO_COLOR: '1' }, 0],
    ['NO_COLOR against FORCE_COLOR', true, pipe, { NO_COLOR: '1', FORCE_COLOR: '3' }, 0],
    ['an empty NO_COLOR (ignored)', true, tty, { NO_COLOR: '' }, 1],
    ['--no-color on a terminal', false, tty, {}, 0],
    ['--no-color against FORCE_COLOR', false, pipe, { FORCE_COLOR: '1' }, 0],
  ])('gives %s level %d', (_label, flag, out, env, expected) => {
    expect(colorLevel(flag, { out, env })).toBe(expected);
  });
});

describe('outputWidth', () => {
  it('is the terminal width on a terminal', () => {
    expect(outputWidth(tty)).toBe(120);
  });

  it('is 80 when the output is not a terminal, whatever it reports', () => {
    expect(outputWidth(pipe)).toBe(80);
    expect(outputWidth({ write: () => true, isTTY: false, columns: 200 })).toBe(80);
  });

  it('is 80 on a terminal too narrow or without a size', () => {
    expect(outputWidth({ write: () => true, isTTY: true, columns: 20 })).toBe(80);
    expect(outputWidth({ write: () => true, isTTY: true, columns: 0 })).toBe(80);
    expect(outputWidth({ write: () => true, isTTY: true })).toBe(80);
  });
});
