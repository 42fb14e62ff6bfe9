import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/engine/random.js';

const pythonDir = fileURLToPath(new URL('../../python/', import.meta.url));

/** Draws of the Python port, for seeds and fork labels; fails (never skips) without python3. */
function pythonDraws(cases: readonly [number, string | null][]): number[][] {
  const script = [
    'import json, sys',
    'from _twin import Random',
    'out = []',
    'for seed, label in json.loads(sys.argv[1]):',
    '    r = Random(seed) if label is None else Random(seed).fork(label)',
    '    out.append([r.next() for _ in range(5)] + [r.whole_ms(500, 1500), r.chance(0.3)])',
    'print(json.dumps(out))',
  ].join('\n');
  try {
    const text = execFileSync('python3', ['-c', script, JSON.stringify(cases)], {
      cwd: pythonDir,
      encoding: 'utf8',
    });
    return JSON.parse(text) as number[][];
  } catch (error) {
    throw new Error(`the asyncio twins need python3 (3.11+) on PATH: ${String(error)}`, {
      cause: error,
    });
  }
}

describe('the Python port of the seeded random source', () => {
  it('draws what Node draws, for seeds and forked labels', () => {
    const cases: [number, string | null][] = [
      [42, null],
      [0, null],
      [0xffff_ffff, null],
      [42, 'producer-0'],
      [7, 'consumer-2'],
      [42, 'Task1'],
      [123456, 'café ☕'],
    ];
    const expected = cases.map(([seed, label]) => {
      const random = label === null ? createRandom(seed) : createRandom(seed).fork(label);
      const draws: (number | boolean)[] = Array.from({ length: 5 }, () => random.next());
      return [...draws, random.wholeMs(500, 1500), random.chance(0.3)];
    });
    expect(pythonDraws(cases)).toEqual(expected);
  });
});
