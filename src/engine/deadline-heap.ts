/** What the heap orders by: the earliest deadline first, and at equal deadlines the first added. */
export interface Deadline {
  readonly deadline: number;
  readonly order: number;
}

const before = (a: Deadline, b: Deadline) =>
  a.deadline < b.deadline || (a.deadline === b.deadline && a.order < b.order);

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`no item at ${index}`);
  return item;
}

/** A binary min-heap of deadlines, as asyncio keeps its timers: push and pop in O(log n). */
export class DeadlineHeap<T extends Deadline> {
  readonly #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  peek(): T | undefined {
    return this.#items[0];
  }

  push(item: T): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, at(items, parent))) break;
      items[i] = at(items, parent);
      i = parent;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child =
        right < items.length && before(at(items, right), at(items, left)) ? right : left;
      if (!before(at(items, child), last)) break;
      items[i] = at(items, child);
      i = child;
    }
    items[i] = last;
    return top;
  }
}
