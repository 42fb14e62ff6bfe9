import { isIP } from 'node:net';
import { Command, Help, Option } from 'commander';
import { defaultOptions, InvalidValueError, variantSummary, type AnyDemo } from '../engine/demo.js';
import { parseInteger, parseScale } from '../engine/options.js';
import { addCommonFlags, addFlag, commonOptionsFrom, RESERVED_KEYS } from './flags.js';
import type { Invocation } from './invocation.js';
import { addTourCommand } from './tour-command.js';
import { unexpectedWord } from './usage.js';
import { chooseVariants, optInVariants } from './variants.js';

export interface CliSettings {
  demos: readonly AnyDemo[];
  version: string;
  /** Columns to wrap help text to. */
  helpWidth?: number;
  /** `async-demos run <file>`: the demo that file exports, loaded before parsing. */
  userDemo?: { file: string; demo: AnyDemo };
}

export interface ProgramHooks {
  write: (text: string) => void;
  invoke: (invocation: Invocation) => void;
}

/** The commander program: `list`, one subcommand per registered demo, `serve`. It never exits. */
export function buildProgram(settings: CliSettings, hooks: ProgramHooks): Command {
  const program = new Command('async-demos')
    .description('Learn asynchronous programming by running the classic scenarios for real.')
    .version(settings.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    // Not a demo's hidden catch-all `[words...]`: it only exists to explain a stray word.
    .configureHelp({
      subcommandTerm: (command) => `${command.name()} [options]`,
      optionDescription: describeOption,
      // commander stops wrapping below 40 columns of description; at 60 columns that is too few.
      minWidthToWrap: 20,
    })
    .exitOverride()
    .configureOutput({
      writeOut: hooks.write,
      writeErr: hooks.write,
      outputError: () => {}, // errors become one UsageError line instead
      getOutHelpWidth: () => settings.helpWidth ?? 80,
      getErrHelpWidth: () => settings.helpWidth ?? 80,
    })
    .addHelpText(
      'after',
      "\nStart with 'async-demos list', then 'async-demos breakfast'.\n" +
        "'async-demos tour' runs them all, one after the other.",
    );

  program
    .command('list')
    .description('show every demo and its variants')
    .option('--json', 'print an array of {name, summary, variants}')
    .option('--no-color', 'no colours (the NO_COLOR variable works too)')
    .action((opts: { json?: boolean; color: boolean }) =>
      hooks.invoke({ kind: 'list', json: opts.json === true, color: opts.color }),
    );

  for (const demo of settings.demos) addDemoCommand(program, demo, hooks);
  addTourCommand(program, settings.demos, hooks.invoke);
  if (settings.userDemo)
    addDemoCommand(program, settings.userDemo.demo, hooks, settings.userDemo.file);
  else addRunCommand(program);
  addServeCommand(program, hooks);
  return program;
}

/**
 * An option's help line with its default after a semicolon: commander's "(default: …)" after a
 * description that ends in its own brackets reads as a double bracket.
 */
function describeOption(option: Option): string {
  const shown = option.required || option.optional;
  if (!shown || option.defaultValue === undefined) return option.description;
  const value = option.defaultValueDescription ?? JSON.stringify(option.defaultValue);
  return `${option.description}; default: ${value}`;
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
    flags: '--quiet',
    description: 'no line per request',
  });
  addFlag(command, {
    flags: '--no-color',
    description: 'no colours (the NO_COLOR variable works too)',
  });
  command.addHelpText(
    'after',
    '\nExamples:\n  async-demos serve\n  async-demos serve --port 0 --scale 0.1 --quiet',
  );
  command.action(
    (opts: { port: number; host: string; scale: number; color: boolean; quiet?: boolean }) =>
      hooks.invoke({ kind: 'serve', ...opts, quiet: opts.quiet === true }),
  );
}

/** An IP address (IPv6 also in brackets, as the banner prints it) or a host name; no port. */
export function parseHost(raw: string): string {
  const trimmed = raw.trim();
  const host = /^\[.*\]$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  const isName = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;
  if (isIP(host) === 0 && !(isName.test(host) && !/^[\d.]+$/.test(host))) {
    throw new InvalidValueError(
      'a host is an address or name without a port, such as 127.0.0.1 or ::1',
    );
  }
  return host;
}

/** `run <file>` before a file is given: only its help, since the file's demo makes its flags. */
function addRunCommand(program: Command): void {
  program
    .command('run')
    .description('run your own demo: a module whose default export is defineDemo({ … })')
    .argument('<file>', 'a .js, .mjs or .ts file (TypeScript through tsx)')
    .usage('<file> [variant flags] [options]')
    .addHelpText(
      'after',
      "\nThe file's variants and options become flags, as for a built-in demo:\n" +
        '  async-demos run examples/coffee-shop.ts --help\n' +
        '  async-demos run examples/coffee-shop.ts --scale 0.1',
    );
}

/**
 * A demo's subcommand: its variants as flags, then its own options, then the common ones. A
 * user's demo (`file`) is the `run` command, so that its name cannot shadow a built-in demo.
 */
export function addDemoCommand(
  program: Command,
  demo: AnyDemo,
  hooks: ProgramHooks,
  file?: string,
): Command {
  const command = program.command(file === undefined ? demo.name : 'run').description(demo.summary);
  const variantNames = Object.keys(demo.variants);
  const defaults = defaultOptions(demo.options);

  const optIn = optInVariants(demo);
  const except = optIn.length > 0 ? ` but ${optIn.map((name) => `--${name}`).join(', ')}` : '';
  command.optionsGroup(`Variants (give none to compare all${except}):`);
  const variantOptions = variantNames.map((name) => {
    const variant = demo.variants[name];
    const option = new Option(`--${name}`, variant && variantSummary(variant, defaults));
    command.addOption(option);
    return { name, key: option.attributeName() };
  });

  command.optionsGroup(`${demo.name} options:`);
  const demoOptions = Object.entries(demo.options).map(([name, spec]) => {
    const option = addFlag(command, spec);
    return { name, key: option.attributeName() };
  });

  command.optionsGroup('Common options:');
  addCommonFlags(command);
  command.helpOption('-h, --help', 'show help');

  assertDistinct(
    demo.name,
    [...variantOptions, ...demoOptions].map((o) => o.key),
  );
  command.addHelpText('after', () =>
    helpFooter(demo, command.configureOutput().getOutHelpWidth?.() ?? 80),
  );
  // Positional words are never valid; taking them here lets the error name the word and, when
  // it is a variant, the flag that was meant.
  command.usage(`${file ?? ''} [variant flags] [options]`.trim()).argument('[words...]');
  command.action((words: string[], opts: Record<string, unknown>) => {
    const [word] = words;
    if (word !== undefined) throw unexpectedWord(demo, word);
    const flagged = variantOptions.filter((v) => opts[v.key] === true).map((v) => v.name);
    const options = Object.fromEntries(demoOptions.map(({ name, key }) => [name, opts[key]]));
    hooks.invoke({
      kind: 'demo',
      demo,
      ...chooseVariants(demo, flagged, options),
      options,
      common: commonOptionsFrom(opts),
    });
  });
  return command;
}

function assertDistinct(demo: string, keys: readonly string[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (RESERVED_KEYS.has(key) || seen.has(key)) {
      throw new Error(`demo ${demo}: the option '${key}' is declared twice`);
    }
    seen.add(key);
  }
}

/**
 * Help prose wrapped at spaces as commander wraps its own: render/text's wrap measures with
 * Unicode tables whose set-up alone takes longer than printing the help.
 */
function wrap(text: string, width: number): string {
  const help = new Help();
  help.minWidthToWrap = 20;
  return help.boxWrap(text, width);
}

function helpFooter(demo: AnyDemo, width: number): string {
  const parts: string[] = [];
  // The hint's own line breaks are for the source; paragraphs (blank lines) stay.
  if (demo.hint) parts.push(`\n${wrap(demo.hint.replace(/(?<!\n)\n(?!\n)/g, ' '), width)}`);
  if (demo.inAsyncio?.length) parts.push(`\n${inAsyncioBlock(demo.inAsyncio, width)}`);
  if (demo.examples?.length) {
    parts.push(`\nExamples:\n${demo.examples.map((example) => `  ${example}`).join('\n')}`);
  }
  return parts.join('\n');
}

/** The "In asyncio:" notes as a bulleted list, each note wrapped under its own text. */
export function inAsyncioBlock(notes: readonly string[], width: number): string {
  const items = notes.map((note) =>
    wrap(note, Math.max(20, width - 4))
      .split('\n')
      .map((line, index) => `${index === 0 ? '  - ' : '    '}${line}`)
      .join('\n'),
  );
  return `In asyncio:\n${items.join('\n')}`;
}
