import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage, UsageError } from '../../src/engine/errors.js';

/** readFileSync cannot read 2 GiB or more; a larger scale must not make the file that big. */
export const MAX_FILE_BYTES = 2 ** 30;
const MIN_FILE_BYTES = 64 * 1024;
const CHUNK_BYTES = 2 ** 20;

export interface TemporaryFile {
  path: string;
  bytes: number;
  /** Removes the file and its directory; safe to call more than once. */
  remove(): Promise<void>;
}

/**
 * Writes a temporary file of about `bytes` (within the bounds above) in chunks, so memory stays
 * small whatever its size. Removed again if writing fails or `signal` aborts (Ctrl-C).
 */
export async function makeTemporaryFile(
  bytes: number,
  signal: AbortSignal,
): Promise<TemporaryFile> {
  const size = Math.min(MAX_FILE_BYTES, Math.max(MIN_FILE_BYTES, Math.round(bytes)));
  const directory = await mkdtemp(join(tmpdir(), 'async-demos-'));
  const path = join(directory, 'big.bin');
  const remove = () => rm(directory, { recursive: true, force: true });
  try {
    await writeFile(path, chunks(size), { signal });
  } catch (error) {
    await remove();
    throw error;
  }
  return { path, bytes: size, remove };
}

function* chunks(size: number): Generator<Buffer> {
  const chunk = Buffer.alloc(Math.min(size, CHUNK_BYTES), 'async-demos ');
  for (let left = size; left > 0; left -= chunk.length) {
    yield left >= chunk.length ? chunk : chunk.subarray(0, left);
  }
}

/** A file named with --file must be there to read, said in one line before any variant runs. */
export async function assertReadableFile(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      if (!(await handle.stat()).isFile()) throw new Error('not a regular file');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new UsageError(`cannot read --file '${path}': ${errorMessage(error)}`);
  }
}
