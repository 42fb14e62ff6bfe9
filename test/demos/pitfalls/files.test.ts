import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  makeTemporaryFile,
  MAX_FILE_BYTES,
  readFileSyncInChunks,
} from '../../../demos/pitfalls/files.js';

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

describe('readFileSyncInChunks', () => {
  it('reads what readFileSync reads, calling between() before each MiB', async () => {
    const file = await makeTemporaryFile(3 * 2 ** 20 + 5, new AbortController().signal);
    try {
      let calls = 0;
      const data = readFileSyncInChunks(file.path, () => calls++);
      expect(data.equals(readFileSync(file.path))).toBe(true);
      expect(calls).toBe(4);
    } finally {
      await file.remove();
    }
  });

  it('reads to the end a file whose size is unknown (0 in /proc)', () => {
    const data = readFileSyncInChunks('/proc/self/status', () => {});
    expect(statSync('/proc/self/status').size).toBe(0);
    expect(data.toString()).toMatch(/^Name:/);
  });

  it('stops where between() throws: no read after it', async () => {
    const file = await makeTemporaryFile(3 * 2 ** 20, new AbortController().signal);
    try {
      let calls = 0;
      const stop = () => {
        calls += 1;
        if (calls === 2) throw new Error('stop');
      };
      expect(() => readFileSyncInChunks(file.path, stop)).toThrow('stop');
      expect(calls).toBe(2);
    } finally {
      await file.remove();
    }
  });
});
