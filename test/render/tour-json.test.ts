import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toTourJsonDocument } from '../../src/render/tour-json.js';
import { results, summary } from './tour-fixtures.js';

describe('the tour as one JSON document', () => {
  it("holds each demo's own document, then the summary", () => {
    const parts = { scale: 0.2, seed: 7, interrupted: false, elapsedMs: 1234.56, results, summary };
    const document = toTourJsonDocument(parts);
    expect(Object.keys(document)).toEqual([
      'tour',
      'scale',
      'seed',
      'elapsedMs',
      'demos',
      'summary',
    ]);
    expect(document).toMatchObject({ tour: true, scale: 0.2, seed: 7, elapsedMs: 1234.6 });
    expect(document.demos.map((d) => [d.demo, d.scale, d.seed, d.runs.length, d.error])).toEqual([
      ['breakfast', 0.2, 7, 2, undefined],
      ['workers', 0.2, 7, 1, 'boom'],
    ]);
    expect(document.demos[0]?.runs[1]?.elapsedMs).toBe(500);
    expect(document.summary).toEqual([
      {
        demo: 'breakfast',
        status: 'ran',
        lesson: 'Start both dishes.',
        headlines: [
          {
            group: null,
            slowest: 'sequential',
            fastest: 'concurrent',
            speedup: 2,
            measure: 'elapsedMs',
          },
        ],
      },
      { demo: 'workers', status: 'failed', lesson: null, headlines: [] },
    ]);
    // JSON through and through: what JSON.parse gives back is the same document.
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });

  it('says when Ctrl-C stopped the tour, after the seed', () => {
    const parts = { scale: 1, seed: 1, interrupted: true, elapsedMs: 0, results, summary };
    expect(Object.keys(toTourJsonDocument(parts)).slice(0, 4)).toEqual([
      'tour',
      'scale',
      'seed',
      'interrupted',
    ]);
  });
});

describe('docs/json.md', () => {
  it("names every field of the tour's document", () => {
    const contract = readFileSync(new URL('../../docs/json.md', import.meta.url), 'utf8');
    const tour = contract.slice(contract.indexOf('## The tour'));
    const parts = { scale: 1, seed: 1, interrupted: true, elapsedMs: 0, results, summary };
    const document = toTourJsonDocument(parts);
    const keys = [
      ...Object.keys(document),
      ...Object.keys(document.summary[0] ?? {}),
      ...Object.keys(document.summary[0]?.headlines[0] ?? {}),
      'error',
    ];
    // Each as a field's name in the table: `demo`, `demos[]`, `headlines[].slowest`.
    for (const key of keys) expect(tour, key).toMatch(new RegExp(`${key}(\\[\\])?\``));
  });
});
