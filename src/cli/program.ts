import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { InvalidValueError, type Demo } from '../engine/demo.js';
import { UsageError } from '../engine/errors.js';
import { parseInteger, parseScale, parseSeed } from '../engine/options.js';
import { DEFAULT_SEED } from '../engine/random.js';

export interface CommonOptions {
  scale: number;
  seed: number;
  json: boolean;
  quiet: boolean;
  /** False under `--no-color`; NO_COLOR and the terminal are weighed later. */
  color: boolean;
}

/** What the command line asks for; parsing never runs anything. */
export type Invocation =
  | { kind: 'list'; json: boolean; color: boolean }
  | {
      kind: 'demo';
      demo: Demo;
      /** Chosen by flags, in the demo's order; every variant but the opt-in ones when none was. */
      variants: string[];
      /** Variants a full run left out because of the options given (`optInWhen`). */
      leftOut: string[];
      options: Record<string, unknown>;
      common: CommonOptions;
    }
  | { kind: 'serve'; port: number; host: string; scale: number; color: boolean }
  /** Help or version text, ready to print on stdout. */
  | { kind: 'text'; text: string };

export interface CliSettings {
  demos: readonly Demo[];
  version: string;
  /** Columns to wrap help text to. */
  helpWidth?: number;
}

interface FlagSpec {
  flags: string;
  description: string;
  default?: unknown;
  defaultLabel?: string;
  parse?: (raw: string, previous: unknown) => unknown;
}

const COMMON_FLAGS: readonly FlagSpec[] = [
  {
    flags: '--scale <factor>',
    description: 'multiply every simulated duration (0.1 runs ten times faster)',
    default: 1,
    parse: parseScale,
  },
  {
    flags: '--seed <n>',
    description: 'seed of every random choice: the same seed, the same run',
    default: DEFAULT_SEED,
    parse: parseSeed,
  },
  { flags: '--json', description: 'print only one JSON document of everything measured' },
  { flags: '--quiet', description: 'no live log: only the chart and the table' },
  { flags: '--no-color', description: 'no colours (the NO_COLOR variable works too)' },
];

/** Parses a command line (without `node` and the script) into an Invocation, or a UsageError. */
export function parseCommandLine(argv: readonly string[], settings: CliSettings): Invocation {
  let invocation: Invocation | undefined;
  let printed = '';
  const program = buildProgram(settings, {
    write: (text) => (printed += text),
    invoke: (chosen) => (invocation = chosen),
  });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0 || error.code === 'commander.help')
      return { kind: 'text', text: printed };
    throw toUsageError(error, argv, settings.demos);
  }
  if (!invocation) throw new UsageError('nothing to do', "see 'async-demos --help'");
  return invocation;
}

interface ProgramHooks {
  write: (text: string) => void;
  invoke: (invocation: Invocation) => void;
}

/** The commander program: `list`, and one subcommand per registered demo. It never exits. */
export function buildProgram(settings: CliSettings, hooks: ProgramHooks): Command {
  const program = new Command('async-demos')
    .description('Learn asynchronous programming by running the classic scenarios for real.')
    .version(settings.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    // Not a demo's hidden catch-all `[words...]`: it only exists to explain a stray word.
    .configureHelp({ subcommandTerm: (command) => `${command.name()} [options]` })
    .exitOverride()
    .configureOutput({
      writeOut: hooks.write,
      writeErr: hooks.write,
      outputError: () => {}, // errors become one UsageError line instead
      getOutHelpWidth: () => settings.helpWidth ?? 80,
      getErrHelpWidth: () => settings.helpWidth ?? 80,
    })
    .addHelpText('after', "\nStart with 'async-demos list', then 'async-demos breakfast'.");

  program
    .command('list')
    .description('show every demo and its variants')
    .option('--json', 'print an array of {name, summary, variants}')
    .option('--no-color', 'no colours (the NO_COLOR variable works too)')
    .action((opts: { json?: boolean; color: boolean }) =>
      hooks.invoke({ kind: 'list', json: opts.json === true, color: opts.color }),
    );

  for (const demo of settings.demos) addDemoCommand(program, demo, hooks);
  addServeCommand(program, hooks);
  return program;
}

/** The port `serve` listens on unless told otherwise. */
export const DEFAULT_SERVE_PORT = 8080;

function addServeCommand(program: Command, hooks: ProgramHooks): void {
  const command = program
    .command('serve')
    .description("run the fetch demo's HTTP server until Ctrl-C (then exit 0)");
  addFlag(command, {
    flags: '--port <n>',
    description: 'port to listen on (0 picks a free one)',
    default: DEFAULT_SERVE_PORT,
    parse: (raw) => parseInteger(raw, 0, 65535, 'a port'),
  });
  addFlag(command, {
    flags: '--host <address>',
    description: 'address to listen on',
    default: '127.0.0.1',
    defaultLabel: '127.0.0.1',
    parse: parseHost,
  });
  addFlag(command, {
    flags: '--scale <factor>',
    description: 'multiply the delay of /delay/<seconds>',
    default: 1,
    parse: parseScale,
  });
  addFlag(command, {
    flags: '--no-color',
    description: 'no colours (the NO_COLOR variable works too)',
  });
  command.addHelpText(
    'after',
    '\nExamples:\n  async-demos serve\n  async-demos serve --port 0 --scale 0.1',
  );
  command.action((opts: { port: number; host: string; scale: number; color: boolean }) =>
    hooks.invoke({ kind: 'serve', ...opts }),
  );
}

function parseHost(raw: string): string {
  const host = raw.trim();
  if (host === '' || /[\s/]/.test(host)) {
    throw new InvalidValueError('a host is an address or name, such as 127.0.0.1 or ::1');
  }
  return host;
}

function addDemoCommand(program: Command, demo: Demo, hooks: ProgramHooks): void {
  const command = program.command(demo.name).description(demo.summary);
  const variantNames = Object.keys(demo.variants);

  const optIn = variantNames.filter((name) => demo.variants[name]?.optIn);
  const except = optIn.length > 0 ? `, except ${optIn.map((name) => `--${name}`).join(', ')},` : '';
  command.optionsGroup(`Variants (give none to run them all${except} and compare):`);
  const variantOptions = variantNames.map((name) => {
    const option = new Option(`--${name}`, demo.variants[name]?.summary);
    command.addOption(option);
    return { name, key: option.attributeName() };
  });

  command.optionsGroup(`${demo.name} options:`);
  const demoOptions = Object.entries(demo.options).map(([name, spec]) => {
    const option = addFlag(command, spec);
    return { name, key: option.attributeName() };
  });

  command.optionsGroup('Common options:');
  for (const spec of COMMON_FLAGS) addFlag(command, spec);
  command.helpOption('-h, --help', 'show help');

  assertDistinct(
    demo.name,
    [...variantOptions, ...demoOptions].map((o) => o.key),
  );
  command.addHelpText('after', helpFooter(demo));
  // Positional words are never valid; taking them here lets the error name the word and, when
  // it is a variant, the flag that was meant.
  command.usage('[variant flags] [options]').argument('[words...]');
  command.action((words: string[], opts: Record<string, unknown>) => {
    const [word] = words;
    if (word !== undefined) throw unexpectedWord(demo, word);
    const chosen = variantOptions.filter((v) => opts[v.key] === true).map((v) => v.name);
    const options = Object.fromEntries(demoOptions.map(({ name, key }) => [name, opts[key]]));
    const leftOut =
      chosen.length > 0 ? [] : variantNames.filter((v) => demo.variants[v]?.optInWhen?.(options));
    const byDefault = variantNames.filter((v) => !optIn.includes(v) && !leftOut.includes(v));
    hooks.invoke({
      kind: 'demo',
      demo,
      variants: chosen.length > 0 ? chosen : byDefault,
      leftOut,
      options,
      common: {
        scale: opts.scale as number,
        seed: opts.seed as number,
        json: opts.json === true,
        quiet: opts.quiet === true,
        color: opts.color !== false,
      },
    });
  });
}

function addFlag(command: Command, spec: FlagSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.default !== undefined) {
    option.default(spec.default, spec.defaultLabel ?? JSON.stringify(spec.default));
  }
  const { parse } = spec;
  if (parse)
    option.argParser((raw: string, previous: unknown) => reportInvalid(parse, raw, previous));
  command.addOption(option);
  return option;
}

/** Our parsers say what is allowed; commander adds which option and value were wrong. */
function reportInvalid(
  parse: (raw: string, previous: unknown) => unknown,
  raw: string,
  previous: unknown,
): unknown {
  try {
    return parse(raw, previous);
  } catch (error) {
    if (error instanceof InvalidValueError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

function assertDistinct(demo: string, keys: readonly string[]): void {
  const reserved = new Set(['scale', 'seed', 'json', 'quiet', 'color', 'help']);
  const seen = new Set<string>();
  for (const key of keys) {
    if (reserved.has(key) || seen.has(key)) {
      throw new Error(`demo ${demo}: the option '${key}' is declared twice`);
    }
    seen.add(key);
  }
}

function helpFooter(demo: Demo): string {
  const parts: string[] = [];
  if (demo.hint) parts.push(`\n${demo.hint}`);
  if (demo.examples?.length) {
    parts.push(`\nExamples:\n${demo.examples.map((example) => `  ${example}`).join('\n')}`);
  }
  return parts.join('\n');
}

function unexpectedWord(demo: Demo, word: string): UsageError {
  const help = `see 'async-demos ${demo.name} --help'`;
  if (word in demo.variants) {
    return new UsageError(`unexpected argument '${word}' (variants are flags: --${word})`, help);
  }
  return new UsageError(`unexpected argument '${word}'`, help);
}

/** Commander's messages, made into one line with a hint of where to look. */
function toUsageError(error: CommanderError, argv: readonly string[], demos: readonly Demo[]) {
  let message = error.message
    .replace(/^error: /, '')
    .replace(/\(Did you mean (.+)\?\)/, '(did you mean $1?)')
    .replace(/\s*\n\s*/g, ' ');
  if (error.code === 'commander.unknownCommand') {
    return new UsageError(
      message.replace('unknown command', 'unknown demo'),
      "see 'async-demos list'",
    );
  }
  if (error.code === 'commander.excessArguments') {
    message = message.replace(/^too many arguments for '(.+)'\..*$/, "'$1' takes no arguments");
  }
  // "option '--scale <factor>' argument '0' is invalid. a scale is…" reads better as below.
  const invalid = /^option '(-[^ ']+)[^']*' argument '(.*)' is invalid\. (.*)$/s.exec(message);
  if (invalid) message = `invalid ${invalid[1]} '${invalid[2]}': ${invalid[3]}`;
  const command = argv.find(
    (word) => word === 'list' || word === 'serve' || demos.some((d) => d.name === word),
  );
  const help = command ? `async-demos ${command} --help` : 'async-demos --help';
  return new UsageError(message, `see '${help}'`);
}
