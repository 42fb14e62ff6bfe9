import { CommanderError } from 'commander';
import { UsageError } from '../engine/errors.js';
import type { Invocation } from './invocation.js';
import { buildProgram, type CliSettings } from './program.js';
import { toUsageError } from './usage.js';

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
    if (error.exitCode === 0 || error.code === 'commander.help') {
      return { kind: 'text', text: printed };
    }
    const commands = program.commands.map((command) => command.name());
    throw toUsageError(error, argv, commands);
  }
  if (!invocation) throw new UsageError('nothing to do', "see 'async-demos --help'");
  return invocation;
}
