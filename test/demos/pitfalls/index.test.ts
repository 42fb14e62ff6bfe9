import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setImmediate as realSetImmediate } from 'node:timers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import pitfalls, { options as pitfallsOptions } from '../../../demos/pitfalls/index.js';
import { InvalidValueError } from '../../../src/engine/demo.js';
import { UsageError } from '../../../src/engine/errors.js';
import { HEARTBEAT_COUNTER, HEARTBEAT_INTERVAL_MS } from '../../../src/engine/heartbeat.js';
import { runVariant, type RunResult } from '../../../src/engine/runner.js';
import { defaultOptions, prepareEnvironment, runFake } from '../../support.js';

const span = (run: RunResult, name: string) => {
  const task = run.tasks.find((t) => t.name === name);
  return [task?.startMs, task?.endMs, task?.status];
};

async function prepare(scale: number) {
  if (!pitfalls.prepare) throw new Error('pitfalls makes its file in prepare');
  const variants = ['blocking-read', 'async-read'];
  return pitfalls.prepare(defaultOptions(pitfallsOptions), prepareEnvironment({ scale, variants }));
}

describe('pitfalls prepare', () => {
  it('makes no file when no read variant will run', async () => {
    if (!pitfalls.prepare) throw new Error('pitfalls makes its file in prepare');
    const prepared = await pitfalls.prepare(
      defaultOptions(pitfallsOptions),
      prepareEnvironment({ variants: ['forgotten-await', 'awaited'] }),
    );
    expect(prepared.state.path).toBeNull();
    expect(prepared.notes).toBeUndefined();
    await prepared.dispose?.();
  });
});

describe('pitfalls options', () => {
  it('takes a file size from 1 to 1024 MiB and a non-empty path', () => {
    expect(pitfallsOptions.fileMib.parse('8', 64)).toBe(8);
    expect(() => pitfallsOptions.fileMib.parse('0', 64)).toThrow(InvalidValueError);
    expect(() => pitfallsOptions.file.parse(' ', null)).toThrow(/a file is a path/);
  });
});

describe('the forgotten await, on fake timers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gets a pending promise; the work goes on detached; its failure is caught unhandled', async () => {
    const listenersBefore = process.listenerCount('unhandledRejection');
    // A handler attached after the rejection was reported makes Node print a warning.
    const handledLate = vi.fn();
    process.on('rejectionHandled', handledLate);
    const run = await runFake(pitfalls, 'forgotten-await').finally(() =>
      process.off('rejectionHandled', handledLate),
    );
    expect(handledLate).not.toHaveBeenCalled();

    expect(run.stats.saveOrderReturned).toBe('Promise { <pending> }');
    expect(run.logs.map((line) => line.message)).toContain(
      'saveOrder() returned Promise { <pending> }, not an order',
    );
    // The caller is done at 0.5 s; the order it did not wait for is saved at 1 s.
    expect(run.elapsedMs).toBe(500);
    expect(span(run, 'caller')).toEqual([0, 500, 'ok']);
    expect(span(run, 'save-order')).toEqual([0, 1000, 'ok']);
    // The receipt's rejection reached nobody but the listener, and the test process lives on.
    expect(span(run, 'send-receipt')).toEqual([0, 300, 'error']);
    expect(run.stats.unhandledRejections).toBe(1);
    const line = run.logs.find((l) => l.message.startsWith('unhandledRejection'));
    expect(line?.atMs).toBe(300);
    // Removed a real turn after the run's end, once Node has reported what the end rejected.
    await new Promise((resolve) => realSetImmediate(resolve));
    expect(process.listenerCount('unhandledRejection')).toBe(listenersBefore);
  });

  it('awaited, the caller gets the value and handles the failure itself', async () => {
    const run = await runFake(pitfalls, 'awaited');
    expect(run.elapsedMs).toBe(1300);
    expect(run.logs.map((line) => line.message)).toEqual([
      'saveOrder() gave "order #42 saved"',
      'the receipt failed, and the caller knows: the mail server refused the receipt',
    ]);
    expect(run.stats.unhandledRejections).toBe(0);
  });
});

describe('the blocking read, in real time', () => {
  it('freezes the loop (a heartbeat gap, a late timer); its async twin does not', async () => {
    const prepared = await prepare(1);
    try {
      const settings = {
        options: defaultOptions(pitfallsOptions),
        state: prepared.state,
        scale: 1,
        seed: 1,
      };
      const blocking = await runVariant(pitfalls, 'blocking-read', settings);
      const free = await runVariant(pitfalls, 'async-read', settings);
      const task = (run: RunResult, name: string) => run.tasks.find((t) => t.name === name);
      const readMs = (run: RunResult) =>
        (task(run, 'read')?.endMs ?? 0) - (task(run, 'read')?.startMs ?? 0);
      const longestTick = (run: RunResult) =>
        Math.max(...(run.counters[HEARTBEAT_COUNTER] ?? []).map((s) => s.value));

      // The timer due at 20 ms fires only once the synchronous read is over, however long
      // it takes; the heartbeat's tick, due at 5 ms, waits as long.
      expect(task(blocking, 'timer')?.endMs).toBeGreaterThanOrEqual(
        task(blocking, 'read')?.endMs ?? Infinity,
      );
      const held = readMs(blocking) - HEARTBEAT_INTERVAL_MS - 1;
      expect(longestTick(blocking)).toBeGreaterThanOrEqual(held);
      expect(blocking.stats.maxLoopDelayMs).toBeGreaterThanOrEqual(held);
      // readFile reads in chunks off the loop: the loop is never held for most of the read.
      expect(free.stats.timerLateMs).toBeLessThan(readMs(free) / 2);
      expect(longestTick(free)).toBeLessThan(readMs(free) / 2);
      expect(free.stats.maxLoopDelayMs).toBeLessThan(readMs(free) / 2);
      expect(blocking.tasks.find((t) => t.name === 'read')?.result).toBe(
        free.tasks.find((t) => t.name === 'read')?.result,
      );
    } finally {
      await prepared.dispose?.();
    }
  });

  it('reads a file the user names, or says in one line why it cannot', async () => {
    const environment = prepareEnvironment({ variants: ['blocking-read'] });
    const options = { ...defaultOptions(pitfallsOptions), file: 'package.json' };
    const prepared = await pitfalls.prepare?.(options, environment);
    expect(prepared?.state.path).toBe('package.json');
    await prepared?.dispose?.();
    const missing = { ...options, file: 'no-such-file.bin' };
    await expect(pitfalls.prepare?.(missing, environment)).rejects.toThrow(
      /^cannot read --file 'no-such-file.bin': no such file$/,
    );
    await expect(pitfalls.prepare?.({ ...options, file: 'test' }, environment)).rejects.toThrow(
      UsageError,
    );
  });

  it('refuses a FIFO, a file too big for readFileSync, an unreadable one, and escapes the path', async () => {
    vi.useRealTimers();
    const environment = prepareEnvironment({ variants: ['blocking-read'] });
    const options = defaultOptions(pitfallsOptions);
    const folder = mkdtempSync(join(tmpdir(), 'async-demos-test-'));
    try {
      const fifo = join(folder, 'fifo');
      execFileSync('mkfifo', [fifo]);
      const big = join(folder, 'big.bin');
      writeFileSync(big, '');
      truncateSync(big, 3 * 2 ** 30); // sparse: takes no room
      const cases: [string, RegExp][] = [
        // Opening a FIFO waits for a writer forever: it must be refused before that.
        [fifo, /not a regular file/],
        [big, /3,221,225,472 bytes: readFileSync reads at most 2 GiB$/],
        ['nosuch\nline', /^cannot read --file 'nosuch\\nline': no such file$/],
      ];
      if (existsSync('/proc/self/mem')) cases.push(['/proc/self/mem', /input\/output error/]);
      for (const [file, message] of cases) {
        await expect(pitfalls.prepare?.({ ...options, file }, environment)).rejects.toThrow(
          message,
        );
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('removes its temporary file and directory in dispose', async () => {
    const prepared = await prepare(0.01);
    const path = prepared.state.path ?? '';
    expect(existsSync(path)).toBe(true);
    await prepared.dispose?.();
    expect(existsSync(dirname(path))).toBe(false);
  });
});
