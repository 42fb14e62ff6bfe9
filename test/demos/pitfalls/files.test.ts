import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTemporaryFile, MAX_FILE_BYTES } from '../../../demos/pitfalls/files.js';

const ourDirectories = async () =>
  (await readdir(tmpdir())).filter((name) => name.startsWith('async-demos-')).sort();

describe('makeTemporaryFile', () => {
  it('writes the size asked for, and removes file and directory', async () => {
    const file = await makeTemporaryFile(3 * 2 ** 20 + 5, new AbortController().signal);
    expect(statSync(file.path).size).toBe(3 * 2 ** 20 + 5);
    await file.remove();
    expect(existsSync(dirname(file.path))).toBe(false);
    await file.remove();
  });

  it('leaves nothing behind when stopped while writing', async () => {
    const before = await ourDirectories();
    const stop = new AbortController();
    stop.abort();
    await expect(makeTemporaryFile(MAX_FILE_BYTES, stop.signal)).rejects.toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
    expect(await ourDirectories()).toEqual(before);
  });
});
