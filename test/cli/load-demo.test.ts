import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApp } from '../../src/cli/app.js';
import type { JsonDocument } from '../../src/render/json.js';
import { captureIo } from '../support.js';

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'async-demos-run-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function file(name: string, text: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, text);
  return path;
}

async function run(argv: string[]) {
  const captured = captureIo();
  const code = await runApp(argv, captured.io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, out: captured.out, err: captured.err };
}

const DEMO = `export default {
  name: 'nap', summary: 'one nap', options: {},
  variants: { once: { summary: 'sleep', ideal: () => 100, run: (ctx) => ctx.sleep(100) } },
};`;

describe('async-demos run <file>', () => {
  it('runs the default export of a .mjs file as a demo, with the JSON contract', async () => {
    const path = await file('nap.mjs', DEMO);
    const { code, out, err } = await run(['run', path, '--json', '--scale', '0.01']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const document = JSON.parse(out) as JsonDocument;
    expect(document.demo).toBe('nap');
    expect(document.runs.map((r) => [r.variant, r.idealMs])).toEqual([['once', 1]]);
  });

  it("shows the demo's own help, its variants as flags", async () => {
    const path = await file('help.mjs', DEMO);
    const { code, out } = await run(['run', path, '--help']);
    expect(code).toBe(0);
    expect(out).toContain(`Usage: async-demos run ${path} [variant flags] [options]`);
    expect(out).toContain('--once');
  });

  it.each([
    ['a missing file', null, /^async-demos: no file '.*missing\.mjs' to run; see/],
    ['no demo exported', 'export default 42;', /does not export a demo \(no default export/],
    ['a throw at load', "throw new Error('boom\\nmore');", /failed while loading: boom; see/],
    [
      'a variant without run',
      "export default { name: 'x', summary: '', options: {}, variants: { v: {} } };",
      /variant 'v' needs run\(\) and ideal\(\)/,
    ],
  ])('%s: one line, exit 2', async (_case, text, message) => {
    const path = text === null ? join(folder, 'missing.mjs') : await file(`${_case}.mjs`, text);
    const { code, out, err } = await run(['run', path]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a throw inside a variant is exit 1, one line', async () => {
    const path = await file(
      'throws.mjs',
      `export default { name: 'boom', summary: '', options: {}, variants: {
        v: { summary: '', ideal: () => null, run: async () => { throw new Error('inside'); } } } };`,
    );
    const { code, err } = await run(['run', path, '--quiet']);
    expect(code).toBe(1);
    expect(err).toBe('async-demos: inside\n');
  });

  it('escapes control characters of the file name it echoes', async () => {
    const { code, err } = await run(['run', 'no\x1b[2Jsuch.mjs']);
    expect(code).toBe(2);
    expect(err).not.toContain('\x1b');
    expect(err).toContain('no\\x1b[2Jsuch.mjs');
  });
});
