import { describe, expect, it } from 'vitest';
import { Fifo } from '../../src/primitives/fifo.js';

describe('Fifo', () => {
  it('gives items back first in, first out, and undefined when empty', () => {
    const fifo = new Fifo<string>();
    fifo.push('a');
    fifo.push('b');
    expect(fifo.length).toBe(2);
    expect([fifo.shift(), fifo.shift(), fifo.shift(), fifo.length]).toEqual([
      'a',
      'b',
      undefined,
      0,
    ]);
  });

  it('keeps the order while pushes and shifts interleave past many compactions', () => {
    const fifo = new Fifo<number>();
    const out: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 3_000; i++) fifo.push(next++);
      for (let i = 0; i < 2_000; i++) out.push(fifo.shift() ?? -1);
    }
    expect(fifo.length).toBe(50_000);
    for (let item = fifo.shift(); item !== undefined; item = fifo.shift()) out.push(item);
    expect(out).toEqual(Array.from({ length: 150_000 }, (_, i) => i));
  });

  it('retains only the items asked for, in order', () => {
    const fifo = new Fifo<number>();
    for (let i = 0; i < 10; i++) fifo.push(i);
    fifo.shift();
    fifo.retain((item) => item % 2 === 0);
    expect(fifo.length).toBe(4);
    fifo.push(10);
    expect([fifo.shift(), fifo.shift(), fifo.shift(), fifo.shift(), fifo.shift()]).toEqual([
      2, 4, 6, 8, 10,
    ]);
  });
});
