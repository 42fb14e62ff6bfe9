import { describe, expect, it } from 'vitest';
import breakfast from '../../demos/breakfast.js';
import type { Invocation } from '../../src/cli/invocation.js';
import { parseCommandLine } from '../../src/cli/parse.js';
import { defineDemo, defineOption, type Demo } from '../../src/engine/demo.js';
import { UsageError } from '../../src/engine/errors.js';
import { parseInteger } from '../../src/engine/options.js';

const noop = { summary: 'does nothing', ideal: () => null, run: () => Promise.resolve() };
/** A second demo with dashed variant names, to check flags become variants in the demo's order. */
const failing = defineDemo({
  name: 'failing',
  summary: 'failures among concurrent tasks',
  options: {
    failureRate: defineOption({
      flags: '--failure-rate <n>',
      description: 'percent',
      default: 30,
      parse: (raw) => parseInteger(raw, 0, 100, 'a failure rate'),
    }),
  },
  variants: { 'fail-fast': noop, settled: noop, cancel: noop, sequential: noop },
}) as unknown as Demo;
// Fixed demos, not the registry, which grows.
const demos = [breakfast as unknown as Demo, failing];

const parse = (argv: string[]) => parseCommandLine(argv, { demos, version: '1.2.3' });

function demoInvocation(argv: string[]) {
  const invocation = parse(argv);
  if (invocation.kind !== 'demo') throw new Error(`expected a demo, got ${invocation.kind}`);
  return { ...invocation, demo: invocation.demo.name };
}

function usageError(argv: string[]): { message: string; hint: string | undefined } {
  try {
    parse(argv);
  } catch (error) {
    if (error instanceof UsageError) return { message: error.message, hint: error.hint };
    throw error;
  }
  throw new Error(`${argv.join(' ')} parsed without error`);
}

const defaults = { scale: 1, seed: 42, json: false, quiet: false, color: true };

describe('parseCommandLine: demos', () => {
  it('runs every variant, in the demo order, when no variant flag is given', () => {
    expect(demoInvocation(['breakfast'])).toMatchObject({
      kind: 'demo',
      demo: 'breakfast',
      variants: ['blocking', 'sequential', 'concurrent'],
      common: defaults,
    });
  });

  it.each<[string[], string[]]>([
    [['breakfast', '--concurrent'], ['concurrent']],
    [
      ['breakfast', '--concurrent', '--blocking'],
      ['blocking', 'concurrent'],
    ],
    [['breakfast', '--sequential', '--sequential'], ['sequential']],
    [
      ['failing', '--sequential', '--fail-fast'],
      ['fail-fast', 'sequential'],
    ],
  ])('%j chooses %j', (argv, variants) => {
    expect(demoInvocation(argv).variants).toEqual(variants);
  });

  it('reads the common options', () => {
    expect(
      demoInvocation(['breakfast', '--scale', '0.1', '--seed=7', '--json', '--quiet', '--no-color'])
        .common,
    ).toEqual({
      scale: 0.1,
      seed: 7,
      runs: 1,
      warmup: 0,
      json: true,
      code: false,
      asyncio: false,
      quiet: true,
      color: false,
    });
  });

  it('reads --runs and --warmup', () => {
    const { common } = demoInvocation(['breakfast', '--runs', '5', '--warmup=2']);
    expect(common).toMatchObject({ runs: 5, warmup: 2 });
  });

  it("reads the demo's own options, repeatable, under their declared names", () => {
    const { options } = demoInvocation(['breakfast', '--dish', 'toast=1', '--dish', 'eggs=4']);
    expect(options).toEqual({
      dishes: [
        { name: 'coffee', ms: 3000, result: 'Hot coffee' },
        { name: 'toast', ms: 1000, result: 'Crispy toast' },
        { name: 'eggs', ms: 4000, result: 'Fresh eggs' },
      ],
    });
    expect(demoInvocation(['failing', '--failure-rate', '50']).options).toEqual({
      failureRate: 50,
    });
    expect(demoInvocation(['failing']).options).toEqual({ failureRate: 30 });
  });
});

describe('parseCommandLine: list, help and version', () => {
  it.each<[string[], Invocation]>([
    [['list'], { kind: 'list', json: false, color: true }],
    [['list', '--json'], { kind: 'list', json: true, color: true }],
    [['list', '--no-color'], { kind: 'list', json: false, color: false }],
  ])('%j', (argv, invocation) => {
    expect(parse(argv)).toEqual(invocation);
  });

  it.each([['--version'], ['-V']])('%s gives the version', (flag) => {
    expect(parse([flag])).toEqual({ kind: 'text', text: '1.2.3\n' });
  });

  it.each([[['--help']], [['-h']], [[]]])('%j gives the program help', (argv) => {
    const invocation = parse(argv);
    expect(invocation.kind).toBe('text');
    const text = invocation.kind === 'text' ? invocation.text : '';
    expect(text).toMatch(/^Usage: async-demos \[options\] \[command\]\n/);
    expect(text).toContain('list [options]');
    expect(text).toMatch(/\n {2}breakfast \[options\] +coffee and toast/);
    // The catch-all that explains stray words is not something to type.
    expect(text).not.toContain('[words...]');
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(text).toMatch(/failing .*failures among concurrent tasks/);
    expect(text).toContain("Start with 'async-demos list', then 'async-demos breakfast'.");
  });

  it("gives a demo's help: variants, its options, common options, hint and examples", () => {
    const invocation = parse(['breakfast', '--help']);
    const text = invocation.kind === 'text' ? invocation.text : '';
    expect(text).toMatch(/^Usage: async-demos breakfast \[variant flags\] \[options\]\n/);
    const sections = [
      'Variants (give none to compare all):',
      '  --blocking ',
      '  --sequential ',
      '  --concurrent ',
      'breakfast options:',
      '  --dish <name=seconds>',
      '; default: coffee=3 toast=2',
      'Common options:',
      '  --scale <factor>',
      '; default: 1',
      '  --seed <n>',
      '; default: 42',
      '  --json ',
      '  --quiet ',
      '  --no-color ',
      'In concurrent, both dishes start at 0 and toast is ready first.',
      'Examples:\n  async-demos breakfast --concurrent\n',
    ];
    let from = 0;
    for (const section of sections) {
      const at = text.indexOf(section, from);
      expect(at, section).toBeGreaterThanOrEqual(from);
      from = at + section.length;
    }
  });

  it('wraps help to the width given', () => {
    const help = (helpWidth: number) => {
      const invocation = parseCommandLine(['breakfast', '--help'], {
        demos,
        version: '1',
        helpWidth,
      });
      return invocation.kind === 'text' ? invocation.text.split('\n') : [];
    };
    // The hint is the demo's own text, laid out by hand.
    const wrapped = help(80).filter((line) => !line.startsWith('In concurrent'));
    for (const line of wrapped) expect(line.length, line).toBeLessThanOrEqual(80);
    const whole = 'change a dish or add one, repeatable (e.g. --dish toast=1 --dish eggs=4)';
    expect(help(80).some((line) => line.includes(whole))).toBe(false);
    expect(help(160).some((line) => line.includes(whole))).toBe(true);
  });
});

describe('parseCommandLine: usage errors', () => {
  const demoHelp = "see 'async-demos breakfast --help'";
  const scaleAllowed = 'a scale is a number from 0.0001 to 100, such as 0.1 or 2';

  it.each<[string[], string, string]>([
    [['breakfst'], "unknown demo 'breakfst' (did you mean breakfast?)", "see 'async-demos list'"],
    [['tea'], "unknown demo 'tea'", "see 'async-demos list'"],
    [['breakfast', '--fast'], "unknown option '--fast'", demoHelp],
    [
      ['breakfast', '--concurent'],
      "unknown option '--concurent' (did you mean --concurrent?)",
      demoHelp,
    ],
    [['--verbose'], "unknown option '--verbose'", "see 'async-demos --help'"],
    [['breakfast', '--scale', '0'], `invalid --scale '0': ${scaleAllowed}`, demoHelp],
    [['breakfast', '--scale', '-1'], `invalid --scale '-1': ${scaleAllowed}`, demoHelp],
    [['breakfast', '--scale', 'abc'], `invalid --scale 'abc': ${scaleAllowed}`, demoHelp],
    [['breakfast', '--scale', 'Infinity'], `invalid --scale 'Infinity': ${scaleAllowed}`, demoHelp],
    [['breakfast', '--scale'], "option '--scale <factor>' argument missing", demoHelp],
    [
      ['breakfast', '--seed', '1.5'],
      "invalid --seed '1.5': a seed is a whole number from 0 to 4294967295",
      demoHelp,
    ],
    [
      ['breakfast', '--dish', 'eggs'],
      "invalid --dish 'eggs': a dish is name=seconds, such as eggs=4",
      demoHelp,
    ],
    [
      ['breakfast', '--dish', 'eggs=never'],
      "invalid --dish 'eggs=never': the time of eggs is a number of seconds from 0 to 3600",
      demoHelp,
    ],
    [
      ['breakfast', 'concurrent'],
      "unexpected argument 'concurrent' (variants are flags: --concurrent)",
      demoHelp,
    ],
    [['breakfast', 'tea'], "unexpected argument 'tea'", demoHelp],
    [['list', 'extra'], "'list' takes no arguments", "see 'async-demos list --help'"],
    [
      ['list', '--jsn'],
      "unknown option '--jsn' (did you mean --json?)",
      "see 'async-demos list --help'",
    ],
    [
      ['failing', '--failure-rate', '101'],
      "invalid --failure-rate '101': a failure rate is a whole number from 0 to 100",
      "see 'async-demos failing --help'",
    ],
  ])('%j: %s', (argv, message, hint) => {
    expect(usageError(argv)).toEqual({ message, hint });
    expect(message).not.toContain('\n');
  });

  it('refuses a demo whose option would shadow a common one', () => {
    const clash = defineDemo({
      name: 'clash',
      summary: 'declares --scale itself',
      options: {
        scale: defineOption({ flags: '--scale <n>', description: 'x', default: 1, parse: Number }),
      },
      variants: { only: noop },
    }) as unknown as Demo;
    expect(() => parseCommandLine(['clash'], { demos: [clash], version: '1' })).toThrow(/--scale/);
  });
});
