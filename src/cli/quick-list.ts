// `async-demos list` from generated/list.json (scripts/extract-list.mjs): the same table without
// loading every demo and the command-line program, so that it starts in a fraction of the time.
import { readFile } from 'node:fs/promises';
import type { ListRow } from '../render/list.js';
import { colorLevel, outputWidth, type Io } from './terminal.js';

const GENERATED = new URL('../../generated/list.json', import.meta.url);

/** `list` with only `--json` and `--no-color`, each at most once; anything else takes the long way. */
export function quickListFlags(argv: readonly string[]): { json: boolean; color: boolean } | null {
  const [command, ...flags] = argv;
  if (command !== 'list' || new Set(flags).size !== flags.length) return null;
  if (!flags.every((flag) => flag === '--json' || flag === '--no-color')) return null;
  return { json: flags.includes('--json'), color: !flags.includes('--no-color') };
}

/** Writes the list and returns true, or false (nothing written) when it cannot answer alone. */
export async function writeQuickList(argv: readonly string[], io: Io): Promise<boolean> {
  const flags = quickListFlags(argv);
  if (!flags) return false;
  let rows: ListRow[];
  try {
    rows = JSON.parse(await readFile(GENERATED, 'utf8')) as ListRow[];
  } catch {
    return false;
  }
  const { renderListRows, renderListRowsJson } = await import('../render/list.js');
  if (flags.json) {
    io.out.write(renderListRowsJson(rows));
    return true;
  }
  const { createTheme } = await import('../render/theme.js');
  io.out.write(renderListRows(rows, createTheme(colorLevel(flags.color, io)), outputWidth(io.out)));
  return true;
}
