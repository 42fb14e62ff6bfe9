import type { Command } from 'commander';
import { InvalidValueError, type AnyDemo } from '../engine/demo.js';
import { UsageError } from '../engine/errors.js';
import { addFlag, COMMON_FLAGS, commonOptionsFrom, type FlagSpec } from './flags.js';
import type { Invocation, TourOptions } from './invocation.js';
import { wrap } from '../render/text.js';

/** The tour is quick enough to sit through at this scale: about half a minute for every demo. */
export const TOUR_SCALE = 0.2;

/** The common options that mean the same for every demo; the tour's own meaning where it has one. */
const TOUR_FLAGS: Record<keyof TourOptions, FlagSpec> = {
  scale: { ...COMMON_FLAGS.scale, default: TOUR_SCALE },
  seed: COMMON_FLAGS.seed,
  json: { ...COMMON_FLAGS.json, description: 'print only one JSON document of the whole tour' },
  code: { ...COMMON_FLAGS.code, description: "print each demo's variants' source first" },
  quiet: { ...COMMON_FLAGS.quiet, description: "only the summary table, no demo's charts" },
  color: COMMON_FLAGS.color,
  trace: { ...COMMON_FLAGS.trace, description: 'also write one Chrome trace of the whole tour' },
  html: { ...COMMON_FLAGS.html, description: 'also write one HTML page of the whole tour' },
};

/** `tour`: every demo (or those --only or --skip choose), one after the other, then a summary. */
export function addTourCommand(
  program: Command,
  demos: readonly AnyDemo[],
  invoke: (invocation: Invocation) => void,
): Command {
  const command = program
    .command('tour')
    .description('run every demo one after the other, then a summary of what each one showed');
  addFlag(command, {
    flags: '--pause',
    description: 'wait for Enter between demos (ignored unless stdin and stdout are terminals)',
  });
  // Comma-separated, and repeatable: `--only breakfast --only workers` is `--only breakfast,workers`.
  const parse = (raw: string, previous: string[] | undefined) => [
    ...(previous ?? []),
    ...parseNames(raw),
  ];
  addFlag(command, { flags: '--only <demos>', description: 'run only these, in order', parse });
  addFlag(command, { flags: '--skip <demos>', description: 'run every demo but these', parse });
  for (const spec of Object.values(TOUR_FLAGS)) addFlag(command, spec);
  command.helpOption('-h, --help', 'show help');
  command.addHelpText('after', () => {
    const width = command.configureOutput().getOutHelpWidth?.() ?? 80;
    const paragraph = (text: string) => `${wrap(text, width)}\n`;
    return (
      '\n' +
      paragraph(`Demos: ${demos.map((demo) => demo.name).join(', ')}.`) +
      paragraph(
        'Each runs every variant with its default options and shows its header, charts and ' +
          'comparison table; a table of speedups and lessons ends the tour. Ctrl-C stops the ' +
          'demo under way, prints the summary so far and exits 130.',
      ) +
      '\nExamples:\n' +
      '  async-demos tour\n' +
      '  async-demos tour --pause\n' +
      '  async-demos tour --only breakfast,workers --json\n' +
      '  async-demos tour --skip cpu-vs-io --html tour.html'
    );
  });
  command.action((opts: Record<string, unknown>) => {
    const common = commonOptionsFrom(opts);
    invoke({
      kind: 'tour',
      demos: chooseDemos(
        demos,
        opts.only as string[] | undefined,
        opts.skip as string[] | undefined,
      ),
      pause: opts.pause === true,
      common: {
        scale: common.scale,
        seed: common.seed,
        json: common.json,
        code: common.code,
        quiet: common.quiet,
        color: common.color,
        trace: common.trace,
        html: common.html,
      },
    });
  });
  return command;
}

/** "breakfast, workers" → the names; an empty list is no choice at all. */
function parseNames(raw: string): string[] {
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) {
    throw new InvalidValueError('give demo names separated by commas, such as breakfast,workers');
  }
  return names;
}

/** The demos --only names (in its order, once each) or all but those --skip names. */
export function chooseDemos(
  demos: readonly AnyDemo[],
  only: readonly string[] | undefined,
  skip: readonly string[] | undefined,
): AnyDemo[] {
  const help = "see 'async-demos list'";
  if (only && skip) throw new UsageError('--only and --skip cannot be combined', help);
  const flag = only ? '--only' : '--skip';
  const known = demos.map((demo) => demo.name);
  for (const name of only ?? skip ?? []) {
    if (!known.includes(name)) {
      throw new UsageError(`${flag}: unknown demo '${name}'; the demos are ${known.join(', ')}`);
    }
  }
  const chosen = only
    ? [...new Set(only)].flatMap((name) => demos.filter((demo) => demo.name === name))
    : demos.filter((demo) => !skip?.includes(demo.name));
  if (chosen.length === 0) throw new UsageError(`${flag} leaves no demo to run`, help);
  return chosen;
}
