import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../demos/index.js';
import { UsageError } from '../../src/engine/errors.js';
import {
  checkPython,
  parseTwinEvents,
  replayTwin,
  twinVariants,
  type TwinEvent,
} from '../../src/engine/twin.js';
import { twinVariantName, withoutTwinSuffix } from '../../src/engine/twin-names.js';
import { sideBySide } from '../../src/render/side-by-side.js';

const event = (atMs: number, task: string | null, kind: TwinEvent['kind'], more = {}) =>
  ({ atMs, task, kind, phase: null, message: null, ...more }) as TwinEvent;

const workersTwin: TwinEvent[] = [
  event(0.1, 'Alice', 'start', { phase: 'running' }),
  event(0.2, 'Alice', 'log', { message: 'starts' }),
  event(0.3, 'Alice', 'phase', { phase: 'awaiting' }),
  event(5, null, 'sample', { message: 'permitsInUse', value: 1 }),
  event(200, 'Alice', 'end', { phase: 'ok', message: "Alice's result" }),
  event(200.5, 'main', 'log', { message: 'results' }),
  event(200.6, null, 'stat', { message: 'peakConcurrency', value: 3 }),
  event(201, null, 'done'),
];

describe('replayTwin', () => {
  it('records the twin through our recorder, lanes named `<task> · py`', () => {
    const run = replayTwin('concurrent (asyncio)', workersTwin, {
      idealMs: 200,
      interrupted: false,
    });
    expect(run).toMatchObject({
      runtime: 'asyncio',
      elapsedMs: 201,
      idealMs: 200,
      interrupted: false,
    });
    expect(run.tasks).toEqual([
      {
        name: 'Alice · py',
        startMs: 0.1,
        endMs: 200,
        status: 'ok',
        result: "Alice's result",
        error: null,
        phases: [
          { name: 'running', startMs: 0.1, endMs: 0.3 },
          { name: 'awaiting', startMs: 0.3, endMs: 200 },
        ],
      },
    ]);
    expect(run.logs).toEqual([
      { atMs: 0.2, task: 'Alice · py', message: 'starts' },
      { atMs: 200.5, task: null, message: 'results' },
    ]);
    expect(run.counters).toEqual({ permitsInUse: [{ atMs: 5, value: 1 }] });
    expect(run.stats).toEqual({ peakConcurrency: 3 });
  });

  it('marks a twin without its `done` line as interrupted and cancels what was open', () => {
    const run = replayTwin('x (asyncio)', workersTwin.slice(0, 3), {
      idealMs: null,
      interrupted: false,
    });
    expect(run.interrupted).toBe(true);
    expect(run.tasks[0]).toMatchObject({ status: 'cancelled', endMs: 0.3 });
  });

  it('records failures and cancellations with their reason', () => {
    const run = replayTwin(
      'x (asyncio)',
      [
        event(0, 'a', 'start'),
        event(0, 'b', 'start'),
        event(1, 'a', 'end', { phase: 'error', message: 'boom' }),
        event(2, 'b', 'end', { phase: 'cancelled', message: 'CancelledError' }),
        event(2, null, 'done'),
      ],
      { idealMs: null, interrupted: false },
    );
    expect(run.tasks.map((t) => [t.status, t.error])).toEqual([
      ['error', 'boom'],
      ['cancelled', 'CancelledError'],
    ]);
  });
});

describe('parseTwinEvents', () => {
  it('skips blank lines and a last line cut short', () => {
    const text = `${JSON.stringify(workersTwin[0])}\n\n{"atMs": 1, "ta`;
    expect(parseTwinEvents(text)).toEqual([workersTwin[0]]);
  });
});

describe('names', () => {
  it('go back to the Node names', () => {
    expect(withoutTwinSuffix(twinVariantName('concurrent'))).toBe('concurrent');
    expect(withoutTwinSuffix('Alice · py')).toBe('Alice');
    expect(withoutTwinSuffix('Alice')).toBe('Alice');
  });
});

describe('sideBySide', () => {
  it('puts each twin lane under its Node lane, then the rest', () => {
    const twin = replayTwin('concurrent (asyncio)', workersTwin, {
      idealMs: 200,
      interrupted: false,
    });
    const [alice] = twin.tasks;
    if (!alice) throw new Error('the twin recorded no task');
    const node = {
      ...twin,
      runtime: undefined,
      tasks: [
        { ...alice, name: 'Bob' },
        { ...alice, name: 'Alice' },
      ],
    };
    const merged = sideBySide(node, twin);
    expect(merged.tasks.map((t) => t.name)).toEqual(['Bob', 'Alice', 'Alice · py']);
    expect(Object.keys(merged.counters)).toEqual(['permitsInUse', 'permitsInUse · py']);
  });
});

describe('twinVariants', () => {
  const workers = registry.find((demo) => demo.name === 'workers');
  if (!workers) throw new Error('no workers demo');
  const withoutTwin = { ...workers, asyncioTwin: undefined };

  it('keeps the chosen variants that have a twin', () => {
    expect(twinVariants(workers, { count: null }, ['concurrent'])).toEqual(['concurrent']);
  });

  it('is a usage error for a demo without a twin, or options the twin cannot run', () => {
    expect(() => twinVariants(withoutTwin, {}, ['concurrent'])).toThrow(UsageError);
    expect(() => twinVariants(workers, { count: 5 }, ['concurrent'])).toThrow(/--count/);
  });
});

describe('checkPython', () => {
  it('says what to install when the interpreter is missing', async () => {
    await expect(checkPython('/no/such/python3')).rejects.toThrow(
      /--asyncio needs Python 3.11 or newer .*not found/,
    );
  });

  it('says which version it found when it is older than 3.11', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'async-demos-python-'));
    const old = join(folder, 'python3');
    await writeFile(old, '#!/bin/sh\necho 3 10 12\n', { mode: 0o755 });
    try {
      await expect(checkPython(old)).rejects.toThrow(/needs Python 3.11 or newer .*found 3\.10/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('accepts the python3 of this machine (3.11+)', async () => {
    await expect(checkPython()).resolves.toMatch(/^3\.\d+\.\d+$/);
  });
});
