import { Chalk } from 'chalk';
import { registry } from '../demos/index.js';
import { parseCommandLine } from './cli.js';
import type { Clock } from './clock.js';
import type { Demo } from './demo.js';
import { errorMessage, ExitCode, UsageError } from './errors.js';
import { renderList, renderListJson } from './render/list.js';
import { Theme } from './render/theme.js';
import { runSession } from './session.js';
import { colorLevel, outputWidth, type Io } from './terminal.js';
import { readVersion } from './version.js';

export interface AppOptions {
  /** Aborted by Ctrl-C: the run stops and prints what it measured. */
  signal?: AbortSignal;
  clock?: Clock;
  demos?: readonly Demo[];
}

/**
 * The whole program for one command line: parse, run, write. Returns the exit code; every error
 * ends here as one line on stderr.
 */
export async function runApp(argv: readonly string[], io: Io, options: AppOptions = {}) {
  const demos = options.demos ?? registry;
  try {
    const invocation = parseCommandLine(argv, {
      demos,
      version: readVersion(),
      ...(io.out.isTTY && io.out.columns ? { helpWidth: io.out.columns } : {}),
    });
    switch (invocation.kind) {
      case 'text':
        io.out.write(invocation.text);
        return ExitCode.ok;
      case 'list': {
        if (invocation.json) io.out.write(renderListJson(demos));
        else
          io.out.write(
            renderList(
              demos,
              new Theme(new Chalk({ level: colorLevel(invocation.color, io) })),
              outputWidth(io.out),
            ),
          );
        return ExitCode.ok;
      }
      case 'demo':
        return await runSession(invocation, io, options);
    }
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: Io): number {
  if (error instanceof UsageError) {
    io.err.write(`async-demos: ${error.message}${error.hint ? `; ${error.hint}` : ''}\n`);
    return error.exitCode;
  }
  io.err.write(`async-demos: ${errorMessage(error)}\n`);
  if (io.env.ASYNC_DEMOS_DEBUG && error instanceof Error && error.stack) {
    io.err.write(`${error.stack}\n`);
  }
  return ExitCode.failure;
}
