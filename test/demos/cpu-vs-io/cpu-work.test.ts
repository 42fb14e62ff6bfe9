import { describe, expect, it } from 'vitest';
import {
  CpuWorker,
  SLICE_ITERATIONS,
  sumOfSquares,
  sumOfSquaresInSlices,
} from '../../../demos/cpu-vs-io/cpu-work.js';

/** Σ i² for i < n, mod 2^32, the slow exact way. */
function expectedSum(n: number): number {
  const big = BigInt(n);
  const total = big === 0n ? 0n : ((big - 1n) * big * (2n * big - 1n)) / 6n;
  return Number(total % 2n ** 32n);
}

describe('sumOfSquares', () => {
  it('is exact, also past 32 bits', () => {
    for (const n of [0, 1, 2, 10, 1000, 65_536, 100_003, 3_000_000]) {
      expect(sumOfSquares(n)).toBe(expectedSum(n));
    }
  });

  it('gives the same answer on a worker thread', async () => {
    const worker = await CpuWorker.start();
    try {
      expect(await worker.sumOfSquares(3_000_000)).toBe(expectedSum(3_000_000));
    } finally {
      await worker.terminate();
    }
    await worker.exited;
    expect(worker.isRunning).toBe(false);
  });
});

describe('sumOfSquaresInSlices', () => {
  it('gives the same sum, calling between() before each slice', () => {
    for (const n of [0, 1, 1000, SLICE_ITERATIONS, SLICE_ITERATIONS * 3 + 7]) {
      let calls = 0;
      expect(sumOfSquaresInSlices(n, () => calls++)).toBe(expectedSum(n));
      expect(calls).toBe(Math.ceil(n / SLICE_ITERATIONS));
    }
  });

  it('stops where between() throws: no slice after it runs', () => {
    let calls = 0;
    const stop = () => {
      calls += 1;
      if (calls === 2) throw new Error('stop');
    };
    expect(() => sumOfSquaresInSlices(SLICE_ITERATIONS * 10, stop)).toThrow('stop');
    expect(calls).toBe(2);
  });
});

describe('sumOfSquares past 2^31 iterations', () => {
  // A counter past 2^31 used to make V8 deoptimise the loop: a task sized to 2 s took 20 s.
  it('stays exact and keeps its pace (one run of about a second)', () => {
    const time = (n: number) => {
      const start = performance.now();
      const sum = sumOfSquares(n);
      return { sum, msPerMillion: ((performance.now() - start) / n) * 1e6 };
    };
    time(2 ** 26);
    const below = time(2 ** 27);
    const past = time(2 ** 31 + 5);
    const after = time(2 ** 27);
    expect(past.sum).toBe(expectedSum(2 ** 31 + 5));
    // Generous: load on the machine slows one run or another, not by four (deoptimised: ten).
    expect(past.msPerMillion).toBeLessThan(below.msPerMillion * 4);
    expect(after.msPerMillion).toBeLessThan(below.msPerMillion * 4);
  });
});
