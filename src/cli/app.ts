import { registry } from '../../demos/index.js';
import type { Clock } from '../engine/clock.js';
import type { AnyDemo } from '../engine/demo.js';
import { errorMessage, ExitCode, InterruptedError, UsageError } from '../engine/errors.js';
import { escapeControl } from '../engine/format.js';
import { createTheme } from '../render/theme.js';
import type { Invocation } from './invocation.js';
import { parseCommandLine } from './parse.js';
import type { InputStream } from './pause.js';
import { colorLevel, outputWidth, type Io } from './terminal.js';
import { readVersion } from './version.js';

export interface AppOptions {
  /** Aborted by Ctrl-C: the run stops and prints what it measured. */
  signal?: AbortSignal;
  clock?: Clock;
  demos?: readonly AnyDemo[];
  /** Where `tour --pause` reads Enter (stdin); called only when a pause can happen. */
  input?: () => InputStream;
}

/**
 * The whole program for one command line: parse, run, write. Returns the exit code; every error
 * ends here as one line on stderr.
 */
export async function runApp(argv: readonly string[], io: Io, options: AppOptions = {}) {
  const demos = options.demos ?? registry;
  try {
    const [command, file, ...rest] = argv;
    // `run <file>`: the file's demo makes the flags, so it is loaded before parsing.
    const runsFile = command === 'run' && file !== undefined && !file.startsWith('-');
    const userDemo = runsFile ? { file, demo: await loadDemo(file) } : undefined;
    const invocation = parseCommandLine(
      runsFile ? ['run', ...rest] : withoutHelpOfUnknown(argv, demos),
      {
        demos,
        version: readVersion(),
        ...(io.out.isTTY && io.out.columns ? { helpWidth: io.out.columns } : {}),
        ...(userDemo ? { userDemo } : {}),
      },
    );
    switch (invocation.kind) {
      case 'text':
        io.out.write(invocation.text);
        return ExitCode.ok;
      case 'list':
        await writeList(invocation, demos, io);
        return ExitCode.ok;
      case 'serve': {
        const { runServe } = await import('./serve.js');
        return await runServe(invocation, io, options.signal);
      }
      case 'demo': {
        // Loaded on demand, like the list's renderers: `--help` and `--version` stay quick.
        const { runSession } = await import('./session.js');
        return await runSession(invocation, io, options);
      }
      case 'tour': {
        const { runTour } = await import('./tour.js');
        return await runTour(invocation, io, options);
      }
    }
  } catch (error) {
    return reportError(error, io);
  }
}

/**
 * `async-demos bogus --help` would print the program's help and exit 0, as if `bogus` existed:
 * without the help flag, commander reports the unknown demo (with a suggestion) instead.
 */
function withoutHelpOfUnknown(
  given: readonly string[],
  demos: readonly AnyDemo[],
): readonly string[] {
  // `help breakfast` is `breakfast --help`; `help` alone the program's help.
  const argv = given[0] === 'help' ? [...given.slice(1, 2), '--help'] : given;
  const [first] = argv;
  const known = ['list', 'serve', 'run', 'tour', 'help', ...demos.map((demo) => demo.name)];
  if (first === undefined || first.startsWith('-') || known.includes(first)) return argv;
  return argv.filter((word) => word !== '--help' && word !== '-h');
}

async function loadDemo(file: string): Promise<AnyDemo> {
  const { loadDemoFile } = await import('./load-demo.js');
  return loadDemoFile(file);
}

async function writeList(
  invocation: Extract<Invocation, { kind: 'list' }>,
  demos: readonly AnyDemo[],
  io: Io,
): Promise<void> {
  const { renderList, renderListJson } = await import('../render/list.js');
  if (invocation.json) {
    io.out.write(renderListJson(demos));
    return;
  }
  const theme = createTheme(colorLevel(invocation.color, io));
  io.out.write(renderList(demos, theme, outputWidth(io.out)));
}

function reportError(error: unknown, io: Io): number {
  // Messages echo what the user typed: its control characters must not reach the terminal.
  if (error instanceof UsageError) {
    const hint = error.hint ? `; ${error.hint}` : '';
    io.err.write(`async-demos: ${escapeControl(error.message)}${hint}\n`);
    return error.exitCode;
  }
  if (error instanceof InterruptedError) {
    io.err.write(`${error.message}\n`);
    return error.exitCode;
  }
  io.err.write(`async-demos: ${escapeControl(errorMessage(error))}\n`);
  if (io.env.ASYNC_DEMOS_DEBUG && error instanceof Error && error.stack) {
    io.err.write(`${error.stack}\n`);
  }
  return ExitCode.failure;
}
