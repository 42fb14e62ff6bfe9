import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registry } from '../../demos/index.js';
import { runApp } from '../../src/cli/app.js';
import { COMMON_FLAGS, type FlagSpec } from '../../src/cli/flags.js';
import { captureIo } from '../support.js';

const CONTROL = [
  '\x00',
  '\x07',
  '\x08',
  '\t',
  '\n',
  '\r',
  '\x1b',
  '\x7f',
  '\x9b',
  '\u202e',
  '\u2066',
];

/** Values a careless or hostile user types: numbers gone wrong, control characters, huge text. */
const hostile = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '-1',
    '+',
    '-',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '1e-320',
    '0',
    '0.5',
    '1.5',
    '99999999999999999999',
    '0x10',
    '1_000',
    '=',
    '==1',
    'a=b',
    'a=-1',
    ',',
    '1,,2',
    '\x1b]0;pwned\x07',
    '\x1b[2J\x1b[H=1',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(fc.string({ maxLength: 6 }), fc.constantFrom(...CONTROL), fc.string({ maxLength: 6 }))
    .map(([a, c, b]) => `${a}${c}${b}`),
  fc.double().map(String),
  fc.string({ minLength: 2000, maxLength: 5000 }),
);

interface Target {
  demo: string;
  flag: string;
  rejects: (raw: string) => boolean;
}

function rejects(parse: (raw: string, previous: never) => unknown, previous: unknown) {
  return (raw: string) => {
    try {
      parse(raw, previous as never);
      return false;
    } catch {
      return true;
    }
  };
}

const longFlag = (flags: string) => /--[\w-]+/.exec(flags)?.[0] ?? flags;

// Every option that takes a value, of every demo, and the common ones (on the first demo).
const targets: Target[] = [
  ...registry.flatMap((demo) =>
    Object.values(demo.options)
      .filter((spec) => spec.flags.includes('<'))
      .map((spec) => ({
        demo: demo.name,
        flag: longFlag(spec.flags),
        rejects: rejects((raw, previous) => spec.parse(raw, previous), spec.default),
      })),
  ),
  ...Object.values(COMMON_FLAGS as Record<string, FlagSpec>).flatMap(({ flags, parse }) =>
    parse && flags.includes('<')
      ? [{ demo: 'breakfast', flag: longFlag(flags), rejects: rejects(parse, undefined) }]
      : [],
  ),
];

describe('fuzz: every rejected option value is one line on stderr, exit 2', () => {
  it('covers every option that takes a value', () => {
    expect(targets.length).toBeGreaterThan(15);
  });

  for (const { demo, flag, rejects: isRejected } of targets) {
    it(`${demo} ${flag}`, async () => {
      await fc.assert(
        fc.asyncProperty(hostile, async (raw) => {
          // Only values the option's own parser refuses: the rest would run the demo.
          fc.pre(isRejected(raw));
          const captured = captureIo();
          const code = await runApp([demo, `${flag}=${raw}`], captured.io);
          expect(code).toBe(2);
          expect(captured.out).toBe('');
          expect(captured.err).toMatch(/^async-demos: [^\n]*\n$/);
          expect(captured.err).not.toContain('\x1b');
          // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
          expect(captured.err.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
          expect(captured.err).not.toMatch(/\n\s+at /);
          expect(captured.err.startsWith(`async-demos: invalid ${flag} '`)).toBe(true);
        }),
        { seed: 20261204, numRuns: 150 },
      );
    });
  }
});
