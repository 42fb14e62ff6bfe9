import type { ColorSupportLevel } from 'chalk';

/** Where output goes: `main.ts` passes the process's streams, tests pass their own. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  out: OutputStream;
  err: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * How many colours to use. `--no-color` and NO_COLOR (any non-empty value, see no-color.org) turn
 * colour off; FORCE_COLOR turns it on even in a pipe; otherwise only a terminal gets colour.
 */
export function colorLevel(colorFlag: boolean, io: Pick<Io, 'out' | 'env'>): ColorSupportLevel {
  const { env } = io;
  if (!colorFlag || (env.NO_COLOR ?? '') !== '') return 0;
  const forced = env.FORCE_COLOR;
  if (forced !== undefined) {
    if (forced === '' || forced === 'true') return 1;
    if (forced === 'false') return 0;
    const level = Number(forced);
    return level === 0 || level === 1 || level === 2 || level === 3 ? level : 1;
  }
  if (io.out.isTTY !== true || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  return env.TERM?.includes('256') ? 2 : 1;
}

/** The width to draw charts for: the terminal's, or 80 columns when output is not a terminal. */
export function outputWidth(out: OutputStream): number {
  const columns = out.isTTY === true ? out.columns : undefined;
  return columns !== undefined && columns >= 40 ? columns : 80;
}
