import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import producerConsumer, { GIVE_UP_MS } from '../../../demos/producer-consumer/index.js';
import { plan, pipelineTime } from '../../../demos/producer-consumer/plan.js';
import { InvalidValueError } from '../../../src/engine/demo.js';
import { createRandom, DEFAULT_SEED } from '../../../src/engine/random.js';
import { formatDuration } from '../../../src/engine/format.js';
import type { RunResult } from '../../../src/engine/runner.js';
import { runFake, runFakeStoppedAt } from '../../support.js';
import { columnCell } from '../../../src/render/table.js';

const DEFAULTS = { capacity: 3, producers: 2, items: 5, consumers: 3 };

/** Item names in the order the log says they were made, and processed. */
function itemsFromLog(run: RunResult, verb: 'made' | 'processing'): string[] {
  return run.logs
    .map((line) => new RegExp(`^${verb} (Item-\\d+-\\d+) `).exec(line.message)?.[1])
    .filter((name) => name !== undefined);
}

const allItems = (producers: number, items: number) =>
  Array.from({ length: producers }, (_, p) =>
    Array.from({ length: items }, (_, n) => `Item-${p}-${n}`),
  ).flat();

describe('producer-consumer demo', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('concurrent: every item made is consumed exactly once, then the consumers are cancelled', async () => {
    const run = await runFake(producerConsumer, 'concurrent');
    const expected = allItems(2, 5);
    expect(itemsFromLog(run, 'made').sort()).toEqual(expected);
    expect(itemsFromLog(run, 'processing').sort()).toEqual(expected);
    expect(run.stats).toMatchObject({ produced: 10, consumed: 10 });
    const byName = Object.fromEntries(run.tasks.map((t) => [t.name, t]));
    expect(byName['producer 0']?.status).toBe('ok');
    expect(byName['producer 1']?.status).toBe('ok');
    for (const c of [0, 1, 2]) {
      expect(byName[`consumer ${c}`]).toMatchObject({ status: 'cancelled', endMs: run.elapsedMs });
    }
    const joined = run.logs.find((line) => line.message.startsWith('every item is processed'));
    expect(joined?.atMs).toBe(run.elapsedMs);
  });

  it('concurrent: items of one producer come out in the order they were made', async () => {
    const run = await runFake(producerConsumer, 'concurrent', { consumers: 1 });
    const processed = itemsFromLog(run, 'processing');
    for (const p of [0, 1]) {
      const own = processed.filter((name) => name.startsWith(`Item-${p}-`));
      expect(own).toEqual(allItems(2, 5).filter((name) => name.startsWith(`Item-${p}-`)));
    }
  });

  it.each([
    { ...DEFAULTS },
    { ...DEFAULTS, consumers: 1 },
    { capacity: 1, producers: 3, items: 4, consumers: 1 },
    { capacity: 2, producers: 1, items: 8, consumers: 4 },
  ])('queue depth stays within capacity $capacity, with $consumers consumer(s)', async (o) => {
    const run = await runFake(producerConsumer, 'concurrent', o);
    const depths = (run.counters.queueDepth ?? []).map((s) => s.value);
    // Sampled from an empty queue at the start, then only when the depth changes.
    expect(depths[0]).toBe(0);
    expect(depths.every((depth, i) => i === 0 || depth !== depths[i - 1])).toBe(true);
    expect(Math.max(...depths)).toBeLessThanOrEqual(o.capacity);
    expect(run.stats.peakQueueDepth).toBe(Math.max(...depths));
    expect(run.stats).toMatchObject({
      produced: o.producers * o.items,
      consumed: o.producers * o.items,
    });
    expect(itemsFromLog(run, 'processing').sort()).toEqual(allItems(o.producers, o.items).sort());
  });

  it('concurrent: a single consumer fills the queue and holds the producers back', async () => {
    const run = await runFake(producerConsumer, 'concurrent', { consumers: 1 });
    expect(run.stats.peakQueueDepth).toBe(3);
    expect(run.stats.producerBlockedMs).toBeGreaterThan(0);
    // The time held back is exactly the producers' recorded waiting phases.
    const waited = run.tasks
      .filter((t) => t.name.startsWith('producer'))
      .flatMap((t) => t.phases.filter((p) => p.name === 'waiting'))
      .reduce((sum, p) => sum + (p.endMs ?? 0) - p.startMs, 0);
    expect(run.stats.producerBlockedMs).toBeCloseTo(waited, 6);
  });

  it('concurrent: consumers start waiting on the empty queue, then process (awaiting its timer)', async () => {
    const run = await runFake(producerConsumer, 'concurrent');
    const consumer = run.tasks.find((t) => t.name === 'consumer 0');
    expect(consumer?.phases[0]).toMatchObject({ name: 'waiting', startMs: 0 });
    expect(consumer?.phases.some((p) => p.name === 'awaiting')).toBe(true);
  });

  it.each([
    [DEFAULTS, DEFAULT_SEED],
    [{ ...DEFAULTS, consumers: 1 }, DEFAULT_SEED],
    [{ ...DEFAULTS, consumers: 1 }, 7],
    [{ capacity: 1, producers: 3, items: 4, consumers: 2 }, 123],
    [{ capacity: 5, producers: 4, items: 6, consumers: 2 }, 99],
    // Two producers make an item at the same instant (6.415 s): the one that began first goes first.
    [{ capacity: 1, producers: 3, items: 6, consumers: 2 }, 91],
  ])('concurrent ends exactly at its replayed ideal (%o, seed %i)', async (o, seed) => {
    const run = await runFake(producerConsumer, 'concurrent', o, { seed });
    expect(run.idealMs).toBe(pipelineTime(plan(createRandom(seed), o), o.capacity, o.consumers));
    expect(run.elapsedMs).toBe(run.idealMs);
  });

  it('the ideal of concurrent is at least every lower bound of the pipeline', () => {
    const items = plan(createRandom(DEFAULT_SEED), DEFAULTS);
    const ideal = pipelineTime(items, 3, 3);
    const all = items.flat();
    // A producer's last item cannot be processed before that producer has made all of its items.
    for (const row of items) {
      const made = row.reduce((sum, item) => sum + item.makeMs, 0);
      expect(ideal).toBeGreaterThanOrEqual(made + (row.at(-1)?.processMs ?? 0));
    }
    expect(ideal).toBeGreaterThanOrEqual(all.reduce((sum, i) => sum + i.processMs, 0) / 3);
    // And with one consumer nothing overlaps on the consuming side.
    expect(pipelineTime(items, 3, 1)).toBeGreaterThanOrEqual(
      all.reduce((sum, i) => sum + i.processMs, 0),
    );
  });

  it('sequential makes everything, then processes everything, in the sum of all durations', async () => {
    const run = await runFake(producerConsumer, 'sequential');
    const items = plan(createRandom(DEFAULT_SEED), DEFAULTS).flat();
    const makeMs = items.reduce((sum, i) => sum + i.makeMs, 0);
    const total = items.reduce((sum, i) => sum + i.makeMs + i.processMs, 0);
    expect(run.idealMs).toBe(total);
    expect(run.elapsedMs).toBe(total);
    expect(run.tasks.map((t) => [t.name, t.status])).toEqual([
      ['producer 0', 'ok'],
      ['producer 1', 'ok'],
      ['consumer 0', 'ok'],
    ]);
    expect(run.tasks[2]?.startMs).toBe(makeMs);
    expect(itemsFromLog(run, 'processing')).toEqual(allItems(2, 5));
    expect(run.stats).toMatchObject({ produced: 10, consumed: 10, producerBlockedMs: 0 });
  });

  it('sequential has no queue: no queueDepth lane and no peak depth in the table', async () => {
    const run = await runFake(producerConsumer, 'sequential');
    expect(run.counters).not.toHaveProperty('queueDepth');
    expect(run.stats).not.toHaveProperty('peakQueueDepth');
    const cells = (producerConsumer.columns ?? []).map((column) => [
      column.header,
      columnCell(column, run),
    ]);
    expect(cells).toEqual([
      ['Peak depth', '—'],
      ['Producers held', formatDuration(0)],
    ]);
  });

  it('every variant uses the same durations, drawn from the seed', async () => {
    const made = async (variant: string, seed: number) => {
      const run = await runFake(producerConsumer, variant, {}, { seed });
      return run.logs
        .filter((line) => line.message.startsWith('made '))
        .map((line) => line.message)
        .sort();
    };
    expect(await made('concurrent', 5)).toEqual(await made('sequential', 5));
    expect(await made('timeout-stop', 5)).toEqual(await made('sequential', 5));
    expect(await made('concurrent', 5)).not.toEqual(await made('concurrent', 6));
  });

  it('draws making times of 0.5–1.5 s and processing times of 0.5–2 s', () => {
    const items = plan(createRandom(1), { ...DEFAULTS, producers: 20, items: 50 }).flat();
    for (const item of items) {
      expect(item.makeMs).toBeGreaterThanOrEqual(500);
      expect(item.makeMs).toBeLessThanOrEqual(1500);
      expect(item.processMs).toBeGreaterThanOrEqual(500);
      expect(item.processMs).toBeLessThanOrEqual(2000);
    }
  });

  describe('timeout-stop', () => {
    /** When each consumer last finished an item (0 if it never had one). */
    const lastProcessed = (run: RunResult) =>
      run.tasks
        .filter((t) => t.name.startsWith('consumer'))
        .map((t) =>
          Math.max(0, ...t.phases.filter((p) => p.name === 'awaiting').map((p) => p.endMs ?? 0)),
        );

    it('every item is consumed exactly once; each consumer stops 3 s after its last get began', async () => {
      const run = await runFake(producerConsumer, 'timeout-stop');
      const expected = allItems(2, 5);
      expect(itemsFromLog(run, 'made').sort()).toEqual(expected);
      expect(itemsFromLog(run, 'processing').sort()).toEqual(expected);
      expect(run.stats).toMatchObject({ produced: 10, consumed: 10 });
      const consumers = run.tasks.filter((t) => t.name.startsWith('consumer'));
      expect(consumers.map((t) => t.status)).toEqual(['ok', 'ok', 'ok']);
      lastProcessed(run).forEach((at, c) => {
        const consumer = consumers[c];
        expect(consumer?.endMs).toBe(at + GIVE_UP_MS);
        // It waited (for an item, not on a timer) for the whole of those 3 s.
        expect(consumer?.phases.at(-1)).toEqual({
          name: 'waiting',
          startMs: at,
          endMs: at + GIVE_UP_MS,
        });
        const stop = run.logs.find(
          (l) => l.task === consumer?.name && l.message.startsWith('no item'),
        );
        expect(stop).toEqual({
          atMs: at + GIVE_UP_MS,
          task: consumer?.name,
          message: 'no item for 3 s: stopping',
        });
      });
      expect(run.logs.at(-1)).toEqual({
        atMs: run.elapsedMs,
        task: null,
        message: 'every consumer has stopped',
      });
    });

    it('ends 3 s after the last item is processed, where join-then-cancel ends at once', async () => {
      const concurrent = await runFake(producerConsumer, 'concurrent');
      const run = await runFake(producerConsumer, 'timeout-stop');
      expect(Math.max(...lastProcessed(run))).toBe(concurrent.elapsedMs);
      expect(run.elapsedMs).toBe(concurrent.elapsedMs + GIVE_UP_MS);
      expect(run.idealMs).toBe(run.elapsedMs);
    });

    it.each([
      [DEFAULTS, DEFAULT_SEED],
      [{ ...DEFAULTS, consumers: 1 }, 7],
      [{ capacity: 1, producers: 3, items: 4, consumers: 2 }, 123],
      [{ capacity: 2, producers: 1, items: 8, consumers: 12 }, 5],
      [{ capacity: 5, producers: 4, items: 6, consumers: 20 }, 99],
      [{ capacity: 1, producers: 3, items: 6, consumers: 2 }, 91],
    ])(
      'ends exactly at its replayed ideal, every item consumed once (%o, seed %i)',
      async (o, seed) => {
        const run = await runFake(producerConsumer, 'timeout-stop', o, { seed });
        const items = plan(createRandom(seed), o);
        expect(run.idealMs).toBe(pipelineTime(items, o.capacity, o.consumers, GIVE_UP_MS));
        expect(run.elapsedMs).toBe(run.idealMs);
        expect(itemsFromLog(run, 'processing').sort()).toEqual(
          allItems(o.producers, o.items).sort(),
        );
        expect(run.stats.consumed).toBe(o.producers * o.items);
      },
    );

    it('with many consumers some give up while the producers still make items, and nothing is lost', async () => {
      const o = { capacity: 2, producers: 1, items: 8, consumers: 12 };
      const run = await runFake(producerConsumer, 'timeout-stop', o, { seed: 5 });
      const producerEnd = run.tasks.find((t) => t.name === 'producer 0')?.endMs ?? 0;
      const early = run.tasks.filter(
        (t) => t.name.startsWith('consumer') && (t.endMs ?? 0) < producerEnd,
      );
      expect(early.length).toBeGreaterThan(0);
      expect(itemsFromLog(run, 'processing').sort()).toEqual(allItems(1, 8).sort());
    });

    it('stops cleanly when the run is stopped midway, leaving no timer behind', async () => {
      const { run, timersLeft } = await runFakeStoppedAt(
        producerConsumer,
        'timeout-stop',
        2500,
        DEFAULTS,
      );
      expect(timersLeft).toBe(0);
      expect(run.interrupted).toBe(true);
      expect(run.tasks.every((t) => t.status === 'cancelled' && t.endMs === 2500)).toBe(true);
    });
  });

  it('cancels everything cleanly when the run is stopped midway, leaving no timer behind', async () => {
    const { run, timersLeft } = await runFakeStoppedAt(
      producerConsumer,
      'concurrent',
      2500,
      DEFAULTS,
    );
    // The run must end without any timer firing: none is left pending once it is stopped.
    expect(timersLeft).toBe(0);
    expect(run.interrupted).toBe(true);
    expect(run.tasks.every((t) => t.status === 'cancelled')).toBe(true);
    expect(run.tasks.every((t) => t.endMs === 2500)).toBe(true);
  });

  describe('options', () => {
    it.each([
      ['capacity', '0'],
      ['capacity', '-3'],
      ['capacity', '1.5'],
      ['producers', '0'],
      ['items', 'five'],
      ['consumers', '101'],
    ] as const)('rejects --%s %s with what is allowed', (name, raw) => {
      const spec = producerConsumer.options[name];
      expect(() => spec?.parse(raw, spec.default)).toThrow(InvalidValueError);
      expect(() => spec?.parse(raw, spec.default)).toThrow(`--${name} is a whole number from 1`);
    });

    it('parses whole numbers', () => {
      expect(producerConsumer.options.capacity?.parse('1', 3)).toBe(1);
      expect(producerConsumer.options.items?.parse('20', 5)).toBe(20);
    });
  });
});
