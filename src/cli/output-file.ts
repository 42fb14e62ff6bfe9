import { constants } from 'node:fs';
import { access, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { errorMessage, UsageError } from '../engine/errors.js';
import { escapeControl } from '../engine/format.js';

/**
 * Files the command writes beside its output (`--trace`, `--html`). `what` names the file in
 * messages: "the trace", "the report".
 *
 * Fails before anything runs when the file could not be written: a usage error, exit 2.
 */
export async function checkOutputFile(file: string, what: string): Promise<void> {
  const path = resolve(file);
  try {
    const target = await stat(path).catch(() => undefined);
    if (target?.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
    const directory = await stat(dirname(path));
    if (!directory.isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    await access(dirname(path), constants.W_OK);
    if (target) await access(path, constants.W_OK);
  } catch (error) {
    throw cannotWrite(file, what, error);
  }
}

/** Written beside under a temporary name and renamed: the file is either whole or not there. */
export async function writeOutputFile(file: string, what: string, text: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw cannotWrite(file, what, error);
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

function cannotWrite(file: string, what: string, error: unknown): UsageError {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = (typeof code === 'string' ? REASONS[code] : undefined) ?? errorMessage(error);
  return new UsageError(`cannot write ${what} to '${escapeControl(file)}': ${reason}`);
}
