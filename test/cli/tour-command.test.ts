import { describe, expect, it } from 'vitest';
import { chooseDemos } from '../../src/cli/tour-command.js';
import { parseCommandLine } from '../../src/cli/parse.js';
import { registry } from '../../demos/index.js';
import { UsageError } from '../../src/engine/errors.js';

const names = (only?: string[], skip?: string[]) =>
  chooseDemos(registry, only, skip).map((demo) => demo.name);

describe('chooseDemos', () => {
  it('every demo in the registry order when nothing is chosen', () => {
    expect(names()).toEqual(registry.map((demo) => demo.name));
  });

  it('--only in its own order, each once; --skip keeps the registry order', () => {
    expect(names(['fetch', 'breakfast', 'fetch'])).toEqual(['fetch', 'breakfast']);
    expect(names(undefined, ['breakfast', 'timeouts'])).toEqual(
      registry.map((demo) => demo.name).filter((n) => n !== 'breakfast' && n !== 'timeouts'),
    );
  });

  it.each([
    [['bogus'], undefined, /^--only: unknown demo 'bogus'; the demos are breakfast, workers, /],
    [undefined, ['bogus'], /^--skip: unknown demo 'bogus'/],
    [['breakfast'], ['workers'], /^--only and --skip cannot be combined$/],
    [undefined, registry.map((demo) => demo.name), /^--skip leaves no demo to run$/],
  ])('only %j, skip %j: a usage error', (only, skip, message) => {
    const attempt = () => chooseDemos(registry, only, skip);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });
});

describe('the tour command line', () => {
  const parse = (...argv: string[]) =>
    parseCommandLine(['tour', ...argv], { demos: registry, version: '0.0.0' });

  it('defaults to every demo at scale 0.2 and the default seed, without a pause', () => {
    const invocation = parse();
    expect(invocation.kind).toBe('tour');
    if (invocation.kind !== 'tour') return;
    expect(invocation.demos).toHaveLength(registry.length);
    expect(invocation.pause).toBe(false);
    expect(invocation.common).toEqual({
      scale: 0.2,
      seed: 42,
      json: false,
      code: false,
      quiet: false,
      color: true,
      trace: undefined,
      html: undefined,
    });
  });

  it('takes the common options that mean the same for every demo', () => {
    const invocation = parse('--pause', '--scale', '0.05', '--seed', '7', '--no-color', '--json');
    if (invocation.kind !== 'tour') throw new Error(invocation.kind);
    expect(invocation.pause).toBe(true);
    expect(invocation.common).toMatchObject({ scale: 0.05, seed: 7, color: false, json: true });
  });

  it("no demo's own option", () => {
    expect(() => parse('--dish', 'eggs=1')).toThrow("unknown option '--dish'");
  });

  it('lists itself in the help, with what --pause does off a terminal', () => {
    const help = parse('--help');
    if (help.kind !== 'text') throw new Error(help.kind);
    expect(help.text.replace(/\s+/g, ' ')).toContain(
      'ignored unless stdin and stdout are terminals',
    );
    for (const line of help.text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const top = parseCommandLine(['--help'], { demos: registry, version: '0.0.0' });
    if (top.kind !== 'text') throw new Error(top.kind);
    expect(top.text).toMatch(/^ {2}tour \[options\] +run every demo one after the other/m);
  });
});
