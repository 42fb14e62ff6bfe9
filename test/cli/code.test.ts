import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import breakfast from '../../demos/breakfast.js';
import { runApp } from '../../src/cli/app.js';
import { layoutCode, loadExtracted, renderCode } from '../../src/cli/code.js';
import { visibleWidth } from '../../src/render/text.js';
import { captureIo } from '../support.js';

const plain = (code: string) => code;
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[/;

describe('--code', () => {
  it('shows the run function of breakfast concurrent and nothing of another variant', async () => {
    const extracted = (await loadExtracted()).breakfast;
    const code = extracted?.variants.concurrent?.code ?? '';
    const source = readFileSync(new URL('../../demos/breakfast.ts', import.meta.url), 'utf8');
    for (const line of code.split('\n')) expect(source).toContain(line.trim());
    expect(code).toContain('Promise.all(started)');
    expect(code).not.toContain('results.push');
    expect(code).not.toContain("'block'");
  });

  it('follows a run that only hands its work on to where it is written', async () => {
    const extracted = await loadExtracted();
    // run: (ctx) => runWith(ctx, …) → runWith → runRequests, in another file of the demo.
    expect(extracted.fetch?.variants.concurrent?.code).toContain('Promise.allSettled(');
    // run: (ctx) => forgottenAwait(ctx), imported from ./forgotten-await.js.
    expect(extracted.pitfalls?.variants['forgotten-await']?.code).toContain(
      'void sendReceipt(ctx)',
    );
    expect(extracted.workers?.variants.concurrent?.code).toContain('Promise.all(started)');
  });

  it('on a pipe: the code first, then the run, no escape code, within 80 columns', async () => {
    const captured = captureIo({ columns: 80 });
    expect(
      await runApp(['breakfast', '--code', '--concurrent', '--scale', '0.01'], captured.io),
    ).toBe(0);
    expect(captured.out).not.toMatch(ESCAPE);
    expect(captured.out.indexOf('Promise.all(started)')).toBeLessThan(
      captured.out.indexOf('▶ concurrent'),
    );
    expect(captured.out).toContain('In asyncio:');
    expect(Math.max(...captured.out.split('\n').map(visibleWidth))).toBeLessThanOrEqual(80);
  });

  it('on a terminal with colour: highlighted by cli-highlight', async () => {
    const out = { write: () => true, isTTY: true, columns: 80 };
    const io = { out, err: out, env: {} };
    const code = await renderCode(breakfast, ['concurrent'], io, true);
    expect(code).toMatch(ESCAPE);
    expect(await renderCode(breakfast, ['concurrent'], io, false)).not.toMatch(ESCAPE);
  });

  it('with --json: a usage error', async () => {
    const captured = captureIo({ columns: 80 });
    expect(await runApp(['breakfast', '--code', '--json'], captured.io)).toBe(2);
    expect(captured.err).toContain('--code');
  });

  const fixture = {
    variants: {
      concurrent: { file: 'demos/breakfast.ts', code: 'async run(ctx) {\n  await x;\n}' },
    },
    python: {
      file: 'python/breakfast.py',
      code: 'async def concurrent():\n    await asyncio.gather(a(), b())',
    },
  };

  it('puts the Python twin beside the TypeScript at 120 columns', () => {
    const out = layoutCode(breakfast, ['concurrent'], fixture, 120, plain);
    const row = out.split('\n').find((line) => line.includes('async def concurrent'));
    expect(row).toContain('async run(ctx)');
    expect(Math.max(...out.split('\n').map(visibleWidth))).toBeLessThanOrEqual(120);
  });

  it('puts the Python twin below the TypeScript at 80 columns', () => {
    const out = layoutCode(breakfast, ['concurrent'], fixture, 80, plain);
    expect(out.indexOf('async def concurrent')).toBeGreaterThan(out.indexOf('await x;'));
    expect(out.split('\n').find((line) => line.includes('async def'))).not.toContain('async run');
    expect(Math.max(...out.split('\n').map(visibleWidth))).toBeLessThanOrEqual(80);
  });

  it('highlights with the highlighter it is given', () => {
    const out = layoutCode(
      breakfast,
      ['concurrent'],
      fixture,
      80,
      (code) => `\u001b[33m${code}\u001b[39m`,
    );
    expect(out).toMatch(ESCAPE);
  });
});
