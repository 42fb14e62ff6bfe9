import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PHASE_NAMES } from '../../src/engine/recorder.js';
import { PHASE_FILL } from '../../src/render/theme.js';
import { renderJson, toJsonDocument } from '../../src/render/json.js';
import { concurrent, run, sequential, task } from './fixtures.js';
import { repeated } from './repeated.js';

const sortedKeys = (value: object) => Object.keys(value).sort();

describe('renderJson', () => {
  it('docs/json.md names every phase the engine records, with its glyph', () => {
    const contract = readFileSync(new URL('../../docs/json.md', import.meta.url), 'utf8');
    const rows = contract.split('\n').filter((line) => line.startsWith('| `'));
    for (const phase of PHASE_NAMES) {
      const row = rows.find((line) => line.startsWith(`| \`${phase}\``));
      expect(row, phase).toBeDefined();
      expect(row).toContain(`\`${PHASE_FILL[phase]}\``);
    }
  });

  it('writes one JSON document with exactly the keys of the docs/json.md contract', () => {
    const recorded = {
      ...concurrent(),
      counters: { queueDepth: [{ atMs: 0, value: 0 }] },
      stats: { peakConcurrency: 2 },
    };
    const text = renderJson({ demo: 'breakfast', scale: 1, seed: 42, runs: [recorded] });
    expect(text.endsWith('}\n')).toBe(true);
    const document = JSON.parse(text) as ReturnType<typeof toJsonDocument>;
    expect(sortedKeys(document)).toEqual(['demo', 'runs', 'scale', 'seed']);
    expect(document).toMatchObject({ demo: 'breakfast', scale: 1, seed: 42 });
    const [first] = document.runs;
    expect(sortedKeys(first ?? {})).toEqual(
      ['counters', 'elapsedMs', 'idealMs', 'logs', 'stats', 'tasks', 'variant'].sort(),
    );
    const [coffee] = first?.tasks ?? [];
    expect(sortedKeys(coffee ?? {})).toEqual(
      ['endMs', 'error', 'name', 'phases', 'result', 'startMs', 'status'].sort(),
    );
    expect(sortedKeys(coffee?.phases[0] ?? {})).toEqual(['endMs', 'name', 'startMs']);
    expect(sortedKeys(first?.logs[0] ?? {})).toEqual(['atMs', 'message', 'task']);
    expect(first?.counters).toEqual({ queueDepth: [{ atMs: 0, value: 0 }] });
    expect(first?.stats).toEqual({ peakConcurrency: 2 });
  });

  it('rounds times to a tenth of a millisecond and keeps results, errors and nulls', () => {
    const document = toJsonDocument({
      demo: 'breakfast',
      scale: 0.5,
      seed: 7,
      runs: [concurrent()],
    });
    expect(document.runs[0]).toEqual({
      variant: 'concurrent',
      elapsedMs: 3001.3,
      idealMs: 3000,
      tasks: [
        {
          name: 'coffee',
          startMs: 0,
          endMs: 3001,
          status: 'ok',
          result: 'Hot coffee',
          error: null,
          phases: [{ name: 'running', startMs: 0, endMs: 3001 }],
        },
        {
          name: 'toast',
          startMs: 0.1,
          endMs: 2000.5,
          status: 'ok',
          result: 'Crispy toast',
          error: null,
          phases: [{ name: 'running', startMs: 0.1, endMs: 2000.5 }],
        },
      ],
      logs: [
        { atMs: 0, task: 'coffee', message: 'start coffee (3 s)' },
        { atMs: 0.1, task: 'toast', message: 'start toast (2 s)' },
        { atMs: 2000.5, task: 'toast', message: 'toast ready: Crispy toast' },
        { atMs: 3001, task: 'coffee', message: 'coffee ready: Hot coffee' },
        { atMs: 3001.2, task: null, message: 'breakfast is ready: Hot coffee, Crispy toast' },
      ],
      counters: {},
      stats: {},
    });
  });

  it('keeps a null ideal, an open task and a failure as they are', () => {
    const failed = run({
      variant: 'settled',
      elapsedMs: 1000,
      tasks: [
        task('Task1', [['running', 0, 1000]], 'error', { error: 'Task1 failed' }),
        task('Task2', [['running', 0, null]], null),
      ],
    });
    const [first] = toJsonDocument({ demo: 'errors', scale: 1, seed: 1, runs: [failed] }).runs;
    expect(first?.idealMs).toBeNull();
    expect(first?.tasks[0]).toMatchObject({ status: 'error', error: 'Task1 failed', result: null });
    expect(first?.tasks[1]).toMatchObject({ status: null, endMs: null });
    expect(first?.tasks[1]?.phases[0]?.endMs).toBeNull();
  });

  it('says interrupted, at the top, only when Ctrl-C stopped a run', () => {
    const parts = { demo: 'breakfast', scale: 1, seed: 42 };
    expect(toJsonDocument({ ...parts, runs: [sequential()] })).not.toHaveProperty('interrupted');
    const stopped = { ...sequential(), interrupted: true };
    const document = toJsonDocument({ ...parts, runs: [concurrent(), stopped] });
    expect(document.interrupted).toBe(true);
    expect(document.runs[1]).not.toHaveProperty('interrupted');
  });

  it('keeps every run of a repeated variant in repeats, to a tenth, as docs/json.md lists them', () => {
    const runs = [repeated('concurrent', [3001.26, 3002.44, 3000.07], 3000), sequential()];
    runs[0]?.repeats?.warmupMs.push(3004.96);
    const [first, second] = toJsonDocument({ demo: 'breakfast', scale: 1, seed: 42, runs }).runs;
    expect(first?.elapsedMs).toBe(3001.3);
    expect(first?.repeats).toEqual({
      elapsedMs: [3001.3, 3002.4, 3000.1],
      warmupMs: [3005],
      meanMs: 3001.3,
      sdMs: 1.2,
      minMs: 3000.1,
      maxMs: 3002.4,
      medianIndex: 0,
    });
    expect(second).not.toHaveProperty('repeats');
    const contract = readFileSync(new URL('../../docs/json.md', import.meta.url), 'utf8');
    for (const key of Object.keys(first?.repeats ?? {})) {
      expect(contract, key).toContain(`| \`repeats.${key}\``);
    }
  });
});

describe('the asyncio field', () => {
  it('holds the twin runs apart from the Node runs, under the Node names', () => {
    const node = concurrent();
    const twin = {
      ...concurrent(),
      runtime: 'asyncio' as const,
      variant: 'concurrent (asyncio)',
      tasks: node.tasks.map((t) => ({ ...t, name: `${t.name} · py` })),
      logs: node.logs.map((l) => ({ ...l, task: l.task === null ? null : `${l.task} · py` })),
    };
    const document = toJsonDocument({ demo: 'breakfast', scale: 1, seed: 42, runs: [node, twin] });
    expect(document.runs).toHaveLength(1);
    expect(document.asyncio).toHaveLength(1);
    const [mirror] = document.asyncio ?? [];
    expect(mirror?.variant).toBe('concurrent');
    expect(mirror?.tasks.map((t) => t.name)).toEqual(document.runs[0]?.tasks.map((t) => t.name));
    expect(mirror?.logs.map((l) => l.task)).toEqual(document.runs[0]?.logs.map((l) => l.task));
    expect(Object.keys(mirror ?? {})).not.toContain('runtime');
  });

  it('is absent without twin runs', () => {
    const document = toJsonDocument({
      demo: 'breakfast',
      scale: 1,
      seed: 42,
      runs: [concurrent()],
    });
    expect('asyncio' in document).toBe(false);
  });
});
