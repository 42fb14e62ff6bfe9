import { describe, expect, it } from 'vitest';
import { registry } from '../../demos/index.js';
import { runApp } from '../../src/cli/app.js';
import { visibleWidth } from '../../src/render/text.js';
import { captureIo } from '../support.js';

// Widths do not depend on timing: a tiny scale keeps each run short.
const SCALE = ['--scale', '0.01'];

async function widest(argv: string[], columns: number) {
  const captured = captureIo({ columns });
  const code = await runApp(argv, captured.io);
  await new Promise((resolve) => setImmediate(resolve));
  const lines = captured.out.split('\n');
  const longest = lines.reduce((a, b) => (visibleWidth(b) > visibleWidth(a) ? b : a), '');
  return { code, longest, width: visibleWidth(longest), err: captured.err };
}

describe('every demo fits the terminal', () => {
  for (const demo of registry) {
    const optIn = Object.entries(demo.variants)
      .filter(([, variant]) => variant.optIn)
      .map(([name]) => `--${name}`);
    const runs = [[demo.name], ...optIn.map((flag) => [demo.name, flag])];
    for (const argv of runs) {
      it(`${argv.join(' ')}: no line of its piped output is wider than 80 columns`, async () => {
        const { code, longest, width, err } = await widest([...argv, ...SCALE], 80);
        expect(err).toBe('');
        expect(code).toBe(0);
        expect(width, longest).toBeLessThanOrEqual(80);
      });
    }
    // Repeated, the table is wider: mean ± σ, min … max, a speedup ± σ.
    it(`${demo.name} --runs 2 --quiet: no line of its piped output is wider than 80 columns`, async () => {
      const argv = [demo.name, '--runs', '2', '--quiet', ...SCALE];
      const { code, longest, width, err } = await widest(argv, 80);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(width, longest).toBeLessThanOrEqual(80);
    });
  }
});

describe('every help fits the terminal', () => {
  for (const name of ['', ...registry.map((demo) => demo.name)]) {
    for (const columns of [60, 80]) {
      it(`${name || 'the program'} --help at ${columns} columns: no wider line, no double brackets`, async () => {
        const argv = [...(name ? [name] : []), '--help'];
        const { code, longest, width } = await widest(argv, columns);
        const captured = captureIo({ columns, tty: true });
        await runApp(argv, captured.io);
        expect(code).toBe(0);
        expect(width, longest).toBeLessThanOrEqual(80);
        // Commands stay whole, to be copied: only the prose must fit a narrow terminal.
        const prose = captured.out
          .split('\n')
          .filter((line) => !/^(Usage:| {2}async-demos )/.test(line));
        expect(Math.max(...prose.map(visibleWidth))).toBeLessThanOrEqual(columns);
        expect(captured.out).not.toMatch(/\) \(default/);
      });
    }
  }
});
