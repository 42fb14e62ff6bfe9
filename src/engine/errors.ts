/** Exit codes of the command line contract (README: Exit codes). */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  interrupted: 130,
  /** SIGTERM (128 + 15) and SIGHUP (128 + 1), after the same clean-up as Ctrl-C. */
  terminated: 143,
  hangUp: 129,
} as const;

/** Bad input from the user: one line saying what is wrong and what is allowed, exit code 2. */
export class UsageError extends Error {
  readonly exitCode = ExitCode.usage;

  constructor(
    message: string,
    /** Where to look next, such as `see 'async-demos list'`. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure that is not the user's fault and is worth one clear line, exit code 1. */
export class DemoError extends Error {
  readonly exitCode = ExitCode.failure;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DemoError';
  }
}

/** Ctrl-C stopped the program before it had anything to show: one line, exit code 130. */
export class InterruptedError extends Error {
  readonly exitCode = ExitCode.interrupted;

  constructor(message: string) {
    super(message);
    this.name = 'InterruptedError';
  }
}

/** The message of anything thrown, for a one-line report. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** True for the rejection of an aborted operation (AbortController, `ctx.sleep` after abort). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
