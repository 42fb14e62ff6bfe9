import type { CommanderError } from 'commander';
import type { AnyDemo } from '../engine/demo.js';
import { UsageError } from '../engine/errors.js';

/** A positional word given to a demo: never valid, but worth naming the flag that was meant. */
export function unexpectedWord(demo: AnyDemo, word: string): UsageError {
  const help = `see 'async-demos ${demo.name} --help'`;
  if (word in demo.variants) {
    return new UsageError(`unexpected argument '${word}' (variants are flags: --${word})`, help);
  }
  return new UsageError(`unexpected argument '${word}'`, help);
}

/** Commander's messages, made into one line with a hint of where to look. */
export function toUsageError(
  error: CommanderError,
  argv: readonly string[],
  commands: readonly string[],
): UsageError {
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
  const command = argv.find((word) => commands.includes(word));
  const help = command ? `async-demos ${command} --help` : 'async-demos --help';
  return new UsageError(message, `see '${help}'`);
}
