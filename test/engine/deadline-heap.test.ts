import { describe, expect, it } from 'vitest';
import { DeadlineHeap } from '../../src/engine/deadline-heap.js';
import { createRandom } from '../../src/engine/random.js';

describe('DeadlineHeap', () => {
  it('pops the earliest deadline first, equal deadlines in the order added', () => {
    const heap = new DeadlineHeap<{ deadline: number; order: number }>();
    const random = createRandom(7);
    const items = Array.from({ length: 500 }, (_, order) => ({
      deadline: Math.floor(random.next() * 20),
      order,
    }));
    for (const item of items) heap.push(item);
    const popped = [];
    for (let item = heap.pop(); item; item = heap.pop()) popped.push(item);
    const expected = [...items].sort((a, b) => a.deadline - b.deadline || a.order - b.order);
    expect(popped).toEqual(expected);
    expect(heap.size).toBe(0);
  });
});
