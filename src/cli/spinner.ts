import type { OutputStream } from './terminal.js';

export interface Spinner {
  /** Says something else while it spins: "run 3 of 10". */
  update(text: string): void;
  stop(): void;
}

const NO_SPINNER: Spinner = { update: () => {}, stop: () => {} };

/**
 * An ora spinner on `stream` (stderr), only when it is a terminal. ora is imported on first use
 * so that piped and JSON runs never pay for it. While it spins, ora clears and redraws itself
 * around every line written to stdout, so the live log stays clean.
 */
export async function startSpinner(
  stream: OutputStream,
  text: string,
  enabled: boolean,
): Promise<Spinner> {
  // A pseudo-terminal without a size reports 0 columns, and ora divides by it to count the lines
  // it must clear: it would clear forever. No size, no spinner.
  if (!enabled || stream.isTTY !== true || !((stream.columns ?? 0) > 0)) return NO_SPINNER;
  const { default: ora } = await import('ora');
  // Keep stdin alone: ora would put it in raw mode, and Ctrl-C must stay a real signal.
  const spinner = ora({ text, stream: stream as NodeJS.WritableStream, discardStdin: false });
  spinner.start();
  return {
    update: (next) => {
      spinner.text = next;
    },
    stop: () => spinner.stop(),
  };
}
