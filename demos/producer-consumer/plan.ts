import type { Random } from '../../src/engine/random.js';

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
  const makes = grid(shape, () => draw.wholeMs(500, 1500));
  const processes = grid(shape, () => draw.wholeMs(500, 2000));
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

interface Producer {
  row: PlannedItem[];
  /** The index in `row` of the item being made (or held, waiting for a place). */
  next: number;
  /** When that item is made; Infinity while held, or when the row is done. */
  readyAt: number;
  /** When it began making that item: of two items ready at once, the one begun first is first. */
  since: number;
}

/** The state of a replay: what is queued, who is held back, when busy consumers are free again. */
interface Replay {
  capacity: number;
  producers: Producer[];
  queue: PlannedItem[];
  held: { item: PlannedItem; producer: Producer }[];
  busyUntil: number[];
  /** When each idle consumer began to wait for an item, the longest-waiting first. */
  idleSince: number[];
  /** How long an idle consumer waits for an item before it stops; Infinity: until cancelled. */
  giveUpMs: number;
  end: number;
}

/**
 * When the last item of the concurrent pipeline is processed, with no overhead at all: a
 * step-by-step replay of the same rules (producers make items one by one and wait while the queue
 * is full; idle consumers take items first in, first out). Which consumer takes an item does not
 * change any time, as every consumer works alike. At the same instant a producer goes first.
 *
 * With `giveUpMs`, a consumer stops once it has waited that long for an item (timeout-stop), and
 * the run ends when the last one stops. Idle consumers are served longest-waiting first, as the
 * queue serves its getters; at the same instant a consumer gives up before anything else happens
 * (its timer aborts the wait in one step, a producer's put or another consumer's next get comes
 * several steps after their timers).
 */
export function pipelineTime(
  items: PlannedItem[][],
  capacity: number,
  consumers: number,
  giveUpMs = Infinity,
): number {
  const replay: Replay = {
    capacity,
    producers: items.map((row) => ({
      row,
      next: 0,
      readyAt: row[0]?.makeMs ?? Infinity,
      since: 0,
    })),
    queue: [],
    held: [],
    busyUntil: [],
    idleSince: Array.from({ length: consumers }, () => 0),
    giveUpMs,
    end: 0,
  };
  for (;;) {
    const producer = replay.producers.reduce((a, b) => (isBefore(b, a) ? b : a));
    const finish = Math.min(...replay.busyUntil);
    const giveUp = (replay.idleSince[0] ?? Infinity) + giveUpMs;
    if (giveUp <= Math.min(producer.readyAt, finish)) {
      if (giveUp === Infinity) return replay.end;
      replay.idleSince.shift();
      replay.end = Math.max(replay.end, giveUp);
    } else if (producer.readyAt <= finish) offer(replay, producer);
    else finishOne(replay, finish);
  }
}

/** `producer` has made its item: an idle consumer takes it, or the queue, or the producer is held. */
function offer(replay: Replay, producer: Producer): void {
  const item = producer.row[producer.next];
  if (!item) return;
  const at = producer.readyAt;
  if (replay.idleSince.length > 0) {
    replay.idleSince.shift();
    startProcessing(replay, item, at);
  } else if (replay.queue.length < replay.capacity) {
    replay.queue.push(item);
  } else {
    replay.held.push({ item, producer });
    producer.readyAt = Infinity;
    return;
  }
  makeNext(producer, at);
}

/** A consumer is done at `at`: it takes the oldest queued item, whose place goes to a held producer. */
function finishOne(replay: Replay, at: number): void {
  replay.busyUntil.splice(replay.busyUntil.indexOf(at), 1);
  const next = replay.queue.shift();
  if (!next) {
    replay.idleSince.push(at);
    return;
  }
  startProcessing(replay, next, at);
  const held = replay.held.shift();
  if (held) {
    replay.queue.push(held.item);
    makeNext(held.producer, at);
  }
}

function startProcessing(replay: Replay, item: PlannedItem, at: number): void {
  replay.busyUntil.push(at + item.processMs);
  replay.end = Math.max(replay.end, at + item.processMs);
}

function makeNext(producer: Producer, at: number): void {
  producer.next++;
  producer.readyAt = at + (producer.row[producer.next]?.makeMs ?? Infinity);
  producer.since = at;
}

/**
 * The clock ends sleeps in deadline order, and equal deadlines in the order they were started: so
 * does the replay with the producers' items (the first producer first when they began together).
 */
function isBefore(a: Producer, b: Producer): boolean {
  return a.readyAt < b.readyAt || (a.readyAt === b.readyAt && a.since < b.since);
}
