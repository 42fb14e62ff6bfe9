import { InvalidArgumentError, Option, type Command } from 'commander';
import { InvalidValueError } from '../engine/demo.js';
import { parseRuns, parseScale, parseSeed, parseWarmup } from '../engine/options.js';
import { DEFAULT_SEED } from '../engine/random.js';

/** A command-line flag as data; the commander Option is made from it by `addFlag`. */
export interface FlagSpec {
  flags: string;
  description: string;
  default?: unknown;
  defaultLabel?: string;
  /** Receives the raw text and the value so far; any demo option's parser fits here. */
  parse?: (raw: string, previous: never) => unknown;
}

/**
 * The options every demo takes, the one place they are described: each key is the name
 * commander gives the parsed value (`--no-color` → `color`).
 */
export const COMMON_FLAGS = {
  scale: {
    flags: '--scale <factor>',
    description: 'multiply every simulated duration: 0.1 runs ten times faster',
    default: 1,
    parse: parseScale,
  },
  seed: {
    flags: '--seed <n>',
    description: 'seed of every random choice: the same seed, the same run',
    default: DEFAULT_SEED,
    parse: parseSeed,
  },
  runs: {
    flags: '--runs <n>',
    description: 'run each variant n times: the table gives mean ± σ, the chart the median run',
    default: 1,
    parse: parseRuns,
  },
  warmup: {
    flags: '--warmup <n>',
    description: 'run each variant n times first, not counted',
    default: 0,
    parse: parseWarmup,
  },
  json: { flags: '--json', description: 'print only one JSON document of everything measured' },
  code: { flags: '--code', description: "print each chosen variant's source first" },
  asyncio: {
    flags: '--asyncio',
    description: "also run each variant's asyncio twin (python3 3.11+) on the same axis",
  },
  quiet: { flags: '--quiet', description: 'no live log: only the chart and the table' },
  color: { flags: '--no-color', description: 'no colours (the NO_COLOR variable works too)' },
  trace: {
    flags: '--trace <file>',
    description: 'also write a Chrome trace (open it in ui.perfetto.dev)',
    parse: parseTraceFile,
  },
  html: {
    flags: '--html <file>',
    description: 'also write a self-contained HTML page (open it in a browser, offline)',
    parse: parseHtmlFile,
  },
} as const satisfies Record<string, FlagSpec>;

type CommonFlags = typeof COMMON_FLAGS;

/**
 * The values of the common options: a parser's result (undefined when absent and without a
 * default), or a switch.
 */
export type CommonOptions = {
  -readonly [K in keyof CommonFlags]: CommonFlags[K] extends { parse: (raw: string) => infer T }
    ? CommonFlags[K] extends { default: unknown }
      ? T
      : T | undefined
    : boolean;
};

/** Names a demo's own options and variants cannot take. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([...Object.keys(COMMON_FLAGS), 'help']);

export function addCommonFlags(command: Command): void {
  for (const spec of Object.values(COMMON_FLAGS)) addFlag(command, spec);
}

/** The common options out of commander's parsed values. */
export function commonOptionsFrom(values: Record<string, unknown>): CommonOptions {
  return {
    scale: values.scale as number,
    seed: values.seed as number,
    runs: values.runs as number,
    warmup: values.warmup as number,
    json: values.json === true,
    code: values.code === true,
    asyncio: values.asyncio === true,
    quiet: values.quiet === true,
    color: values.color !== false,
    trace: values.trace as string | undefined,
    html: values.html as string | undefined,
  };
}

function parseTraceFile(raw: string): string {
  if (raw === '') throw new InvalidValueError('a trace file is a path, such as trace.json');
  return raw;
}

function parseHtmlFile(raw: string): string {
  if (raw === '') throw new InvalidValueError('an HTML file is a path, such as report.html');
  return raw;
}

export function addFlag(command: Command, spec: FlagSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.default !== undefined) {
    option.default(spec.default, spec.defaultLabel ?? JSON.stringify(spec.default));
  }
  const parse = spec.parse as ((raw: string, previous: unknown) => unknown) | undefined;
  if (parse) {
    option.argParser((raw: string, previous: unknown) => reportInvalid(parse, raw, previous));
  }
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
