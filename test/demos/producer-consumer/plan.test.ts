import { describe, expect, it } from 'vitest';
import { pipelineTime, plan, type PlannedItem } from '../../../demos/producer-consumer/plan.js';
import { createRandom } from '../../../src/engine/random.js';

/** Rows of [makeMs, processMs], one row per producer. */
function items(rows: [number, number][][]): PlannedItem[][] {
  return rows.map((row, p) =>
    row.map(([makeMs, processMs], n) => ({
      name: `Item-${p}-${n}`,
      producer: p,
      makeMs,
      processMs,
    })),
  );
}

describe('plan', () => {
  it('names the items Item-<producer>-<n> and gives the same durations for the same seed', () => {
    const shape = { capacity: 3, producers: 2, items: 3, consumers: 3 };
    const first = plan(createRandom(42), shape);
    expect(first.map((row) => row.map((item) => item.name))).toEqual([
      ['Item-0-0', 'Item-0-1', 'Item-0-2'],
      ['Item-1-0', 'Item-1-1', 'Item-1-2'],
    ]);
    expect(plan(createRandom(42), shape)).toEqual(first);
    expect(plan(createRandom(43), shape)).not.toEqual(first);
  });

  it('draws whole milliseconds from its own stream: every making time, then every processing time', () => {
    const shape = { capacity: 3, producers: 2, items: 2, consumers: 3 };
    const draw = createRandom(42).fork('producer-consumer');
    const makes = Array.from({ length: 4 }, () => Math.round(draw.between(500, 1500)));
    const processes = Array.from({ length: 4 }, () => Math.round(draw.between(500, 2000)));
    const items = plan(createRandom(42), shape).flat();
    expect(items.map((item) => item.makeMs)).toEqual(makes);
    expect(items.map((item) => item.processMs)).toEqual(processes);
  });

  it('does not depend on what was drawn from the random source before', () => {
    const shape = { capacity: 3, producers: 2, items: 3, consumers: 3 };
    const random = createRandom(42);
    random.next();
    expect(plan(random, shape)).toEqual(plan(createRandom(42), shape));
  });
});

describe('pipelineTime', () => {
  it('holds a producer back while the queue is full', () => {
    // Made at 100, 200, 300; the third waits for a place until the consumer takes the second at 1.1 s.
    const slowConsumer = items([
      [
        [100, 1000],
        [100, 1000],
        [100, 1000],
      ],
    ]);
    expect(pipelineTime(slowConsumer, 1, 1)).toBe(3100);
  });

  it('is the last item made plus its processing when consumers keep up', () => {
    const fastConsumers = items([
      [
        [1000, 200],
        [1000, 300],
      ],
      [
        [500, 100],
        [500, 400],
      ],
    ]);
    expect(pipelineTime(fastConsumers, 3, 2)).toBe(2300);
  });

  it('resumes a held producer when its item gets a place, not when its item is processed', () => {
    // Capacity 1, one consumer: item 0 runs 10–2010, item 1 waits in the queue, item 2 is held
    // from 30 until 2010, then the producer makes item 3 from 2010 to 2020 and is held again.
    const held = items([
      [
        [10, 2000],
        [10, 10],
        [10, 10],
        [10, 10],
      ],
    ]);
    // 2010: item 1 starts (to 2020), item 2 enters the queue; 2020: item 3 made, item 2 starts
    // (to 2030), item 3 enters; 2030: item 3 starts, ends 2040.
    expect(pipelineTime(held, 1, 1)).toBe(2040);
  });

  it('of two items made at the same instant, takes first the one begun first, as the clock does', () => {
    // At 300 both producers have an item: producer 1 began its at 0, producer 0 its at 100. So
    // producer 1's item gets the queue's one place and producer 0 is held until 1100; producer 1
    // makes its next item meanwhile (300–1300). Taking producer 0's first would end at 2110.
    const tie = items([
      [
        [100, 1000],
        [200, 500],
      ],
      [
        [300, 50],
        [1000, 10],
      ],
    ]);
    expect(pipelineTime(tie, 1, 1)).toBe(1660);
  });

  it('with a give-up time, ends when the last idle consumer gives up', () => {
    // Made at 100, processed 100–600; the consumer then waits 3 s for nothing.
    const one = items([[[100, 500]]]);
    expect(pipelineTime(one, 3, 1, 3000)).toBe(3600);
    // The second consumer gives up at 3000, having had nothing; the first one last, at 3600.
    expect(pipelineTime(one, 3, 2, 3000)).toBe(3600);
    expect(pipelineTime(one, 3, 2)).toBe(600);
  });

  it('replays consumers that gave up early: the items left wait for the others', () => {
    // Consumer A takes item 0 at 100; B, waiting since 0, gives up at 150, before item 1 (200)
    // comes. A then processes items 1 and 2 alone: to 2100, to 3100, and gives up at 3250.
    const burst = items([
      [
        [100, 1000],
        [100, 1000],
        [100, 1000],
      ],
    ]);
    expect(pipelineTime(burst, 3, 2, 150)).toBe(3250);
    // Had B stayed, it would have taken item 1 at 200 (to 1200), and A item 2 at 1100.
    expect(pipelineTime(burst, 3, 2)).toBe(2100);
  });

  it('serves the longest-waiting consumer first, so the others may give up', () => {
    // Three consumers wait from 0; items come at 1000 and 2000. The first two in line take them;
    // the third gives up at 2500; the second, free again at 2100, gives up at 4600.
    const spaced = items([
      [
        [1000, 100],
        [1000, 100],
      ],
    ]);
    expect(pipelineTime(spaced, 3, 3, 2500)).toBe(4600);
  });
});
