import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerCleanup } from '../../src/engine/cleanup.js';
import { errorMessage, UsageError } from '../../src/engine/errors.js';
import { escapeControl, formatCount } from '../../src/engine/format.js';

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
  // Made synchronously, so that no signal can end the process between its making and its
  // registration below (a second Ctrl-C, EPIPE): the exit hook would not know of it.
  const directory = mkdtempSync(join(tmpdir(), 'async-demos-'));
  const path = join(directory, 'big.bin');
  // Removed by dispose; if the process ends first, by the exit hook.
  const unregister = registerCleanup(() => rmSync(directory, { recursive: true, force: true }));
  const remove = async () => {
    await rm(directory, { recursive: true, force: true });
    unregister();
  };
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

/**
 * What readFileSync does (open, one buffer of the file's size, synchronous reads until it is
 * full), in reads of at most 1 MiB with `between()` before each: it may throw to stop (Ctrl-C).
 * The thread is held all the same.
 */
export function readFileSyncInChunks(path: string, between: () => void): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    // A size of 0 may be unknown (files in /proc): read to the end, as readFileSync does.
    if (size === 0) return readToEnd(fd, between);
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      between();
      const read = readSync(fd, buffer, filled, Math.min(CHUNK_BYTES, size - filled), null);
      if (read === 0) break;
      filled += read;
    }
    return filled < size ? buffer.subarray(0, filled) : buffer;
  } finally {
    closeSync(fd);
  }
}

function readToEnd(fd: number, between: () => void): Buffer {
  const chunks: Buffer[] = [];
  for (;;) {
    between();
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
    if (read === 0) return Buffer.concat(chunks);
    chunks.push(chunk.subarray(0, read));
  }
}

/** readFileSync's limit: a larger file cannot be read in one call. */
const MAX_READ_BYTES = 2 ** 31 - 1;

/**
 * A file named with --file must be there to read, said in one line before any variant runs. It is
 * looked at with stat before it is opened: opening a FIFO would wait for a writer forever.
 */
export async function assertReadableFile(path: string): Promise<void> {
  const refuse = (why: string) =>
    new UsageError(`cannot read --file '${escapeControl(path)}': ${why}`);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw refuse(reasonOf(error));
  }
  if (!info.isFile()) throw refuse('not a regular file (a pipe, a device or a folder)');
  if (info.size > MAX_READ_BYTES) {
    throw refuse(`${formatCount(info.size)} bytes: readFileSync reads at most 2 GiB`);
  }
  try {
    // A first byte read: some files (/proc/self/mem) open but fail to read.
    const handle = await open(path, 'r');
    try {
      await handle.read(Buffer.alloc(1), 0, 1, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw refuse(reasonOf(error));
  }
}

/** Why a file operation failed, without the path node puts in its messages (it is shown already). */
function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'a folder',
    EIO: 'input/output error while reading it',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the path is too long',
    ENOTDIR: 'a part of the path is not a folder',
  };
  return (code && reasons[code]) ?? (code ? `error ${code}` : escapeControl(errorMessage(error)));
}
