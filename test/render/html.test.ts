import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/engine/run-result.js';
import { renderHtmlPage } from '../../src/render/html.js';

function run(variant: string, elapsedMs: number, taskName = 'toast'): RunResult {
  return {
    variant,
    elapsedMs,
    idealMs: elapsedMs,
    interrupted: false,
    tasks: [
      {
        name: taskName,
        startMs: 0,
        endMs: elapsedMs,
        status: 'ok',
        result: null,
        error: null,
        phases: [
          { name: 'running', startMs: 0, endMs: elapsedMs / 5 },
          { name: 'awaiting', startMs: elapsedMs / 5, endMs: elapsedMs },
        ],
      },
      {
        name: 'eggs',
        startMs: 0,
        endMs: elapsedMs,
        status: 'ok',
        result: null,
        error: null,
        phases: [
          { name: 'waiting', startMs: 0, endMs: 10 },
          { name: 'blocked', startMs: 10, endMs: 20 },
          { name: 'off-thread', startMs: 20, endMs: elapsedMs },
        ],
      },
    ],
    logs: [{ atMs: 1, task: taskName, message: 'see https://example.com <b>' }],
    counters: {
      permitsInUse: [
        { atMs: 0, value: 1 },
        { atMs: 10, value: 2 },
      ],
    },
    stats: {},
  };
}

const page = (runs: RunResult[]) => renderHtmlPage({ demo: 'breakfast', scale: 1, seed: 42, runs });

function widths(html: string, variant: number): number[] {
  const svg = html.split('<svg class="timeline"')[variant + 1] ?? '';
  return [...svg.matchAll(/class="phase phase-running"[^>]*width="([\d.]+)"/g)].map((m) =>
    Number(m[1]),
  );
}

describe('renderHtmlPage', () => {
  it('escapes task names and messages', () => {
    const html = page([run('a', 300, '<script>alert(1)</script>')]);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;');
  });

  it('draws one lane per task per variant', () => {
    const html = page([run('a', 300), run('b', 500)]);
    expect(html.match(/<g class="lane"/g)).toHaveLength(4);
    expect(html.match(/<svg class="timeline"/g)).toHaveLength(2);
  });

  it('puts every variant on one time axis', () => {
    const html = page([run('short', 300), run('long', 500)]);
    const [short] = widths(html, 0);
    const [long] = widths(html, 1);
    expect((short ?? 0) / (long ?? 1)).toBeCloseTo(3 / 5, 2);
  });

  it('gives each phase its own class and a legend entry', () => {
    const html = page([run('a', 300)]);
    for (const phase of ['running', 'awaiting', 'waiting', 'blocked', 'off-thread']) {
      expect(html).toContain(`<rect class="phase phase-${phase}" x=`);
      expect(html).toContain(`data-phase="${phase}"`);
    }
  });

  it('links nothing outside the page', () => {
    const html = page([run('a', 300)]).replaceAll('see https://example.com', '');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('draws counter lanes and the comparison table', () => {
    const html = page([run('a', 300), run('b', 500)]);
    expect(html).toContain('permitsInUse (max 2)');
    expect(html).toMatch(/<td>a<\/td><td>300 ms<\/td>/);
  });
});

describe('renderHtmlPage: repeated runs', () => {
  const repeated = (variant: string, times: number[]): RunResult => {
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const sd = Math.sqrt(times.reduce((a, t) => a + (t - mean) ** 2, 0) / (times.length - 1));
    return {
      ...run(variant, mean),
      repeats: {
        elapsedMs: times,
        warmupMs: [],
        meanMs: mean,
        sdMs: sd,
        minMs: Math.min(...times),
        maxMs: Math.max(...times),
        medianIndex: 1,
      },
    };
  };

  it('shows mean ± σ and the speedup ± σ, as the terminal table does', () => {
    const page = renderHtmlPage({
      demo: 'breakfast',
      scale: 1,
      seed: 42,
      runs: [repeated('sequential', [590, 600, 610]), repeated('concurrent', [295, 300, 305])],
    });
    expect(page).toContain('<th>Mean ± σ</th>');
    expect(page).toContain('600 ± 10.0 ms');
    expect(page).toMatch(/2\.00 ± 0\.0\d×/);
  });
});
