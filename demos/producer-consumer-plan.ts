import type { Random } from '../src/random.js';

/** One item of the pipeline, with the time it takes to make and to process, drawn in advance. */
export interface PlannedItem {
  name: string;
  producer: number;
  makeMs: number;
  processMs: number;
}

export interface PipelineShape {
  capacity: number;
  producers: number;
  items: number;
  consumers: number;
}

/**
 * Every duration of a run, drawn up front from a stream of its own, so that both variants (and
 * the ideal) see the same items whatever else draws from the random source. `plan[p][n]` is the
 * n-th item of producer p. Whole milliseconds, so that fake timers land exactly.
 */
export function plan(random: Random, shape: PipelineShape): PlannedItem[][] {
  const draw = random.fork('producer-consumer');
  const makes = grid(shape, () => Math.round(draw.between(500, 1500)));
  const processes = grid(shape, () => Math.round(draw.between(500, 2000)));
  return makes.map((row, p) =>
    row.map((makeMs, n) => ({
      name: `Item-${p}-${n}`,
      producer: p,
      makeMs,
      processMs: processes[p]?.[n] ?? 0,
    })),
  );
}

function grid(shape: PipelineShape, value: () => number): number[][] {
  return Array.from({ length: shape.producers }, () => Array.from({ length: shape.items }, value));
}

/**
 * When the last item of the concurrent pipeline is processed, with no overhead at all: a
 * step-by-step replay of the same rules (producers make items one by one and wait while the queue
 * is full; idle consumers take items first in, first out). Which consumer takes an item does not
 * change any time, as every consumer works alike.
 */
export function pipelineTime(items: PlannedItem[][], capacity: number, consumers: number): number {
  const producers = items.map((row) => ({ row, next: 0, readyAt: row[0]?.makeMs ?? Infinity }));
  const queue: PlannedItem[] = [];
  const blocked: { item: PlannedItem; producer: (typeof producers)[number] }[] = [];
  const busyUntil: number[] = [];
  let idle = consumers;
  let end = 0;

  const startNext = (producer: (typeof producers)[number], at: number) => {
    producer.next++;
    producer.readyAt = at + (producer.row[producer.next]?.makeMs ?? Infinity);
  };
  const process = (item: PlannedItem, at: number) => {
    busyUntil.push(at + item.processMs);
    end = Math.max(end, at + item.processMs);
  };

  for (;;) {
    const producer = producers.reduce((a, b) => (b.readyAt < a.readyAt ? b : a));
    const finish = Math.min(...busyUntil);
    if (producer.readyAt === Infinity && finish === Infinity) return end;
    const item = producer.row[producer.next];
    if (item && producer.readyAt <= finish) {
      const at = producer.readyAt;
      if (idle > 0) {
        idle--;
        process(item, at);
      } else if (queue.length < capacity) {
        queue.push(item);
      } else {
        blocked.push({ item, producer });
        producer.readyAt = Infinity;
        continue;
      }
      startNext(producer, at);
    } else {
      busyUntil.splice(busyUntil.indexOf(finish), 1);
      const next = queue.shift();
      if (!next) {
        idle++;
        continue;
      }
      process(next, finish);
      const waiting = blocked.shift();
      if (waiting) {
        queue.push(waiting.item);
        startNext(waiting.producer, finish);
      }
    }
  }
}
