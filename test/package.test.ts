import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonDocument } from '../src/render/json.js';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/async-demos.js', import.meta.url));
const folders: string[] = [];
afterAll(() => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

describe('the package as others use it (needs the build: npm test makes it)', () => {
  it('runs the shipped TypeScript example through tsx, with the JSON contract', async () => {
    const { stdout } = await exec(
      process.execPath,
      [bin, 'run', 'examples/retry.ts', '--json', '--scale', '0.01'],
      { cwd: root },
    );
    const document = JSON.parse(stdout) as JsonDocument;
    expect(document).toMatchObject({ demo: 'retry', scale: 0.01, seed: 42 });
    expect(document.runs.map((run) => run.variant)).toEqual(['sequential', 'concurrent']);
    const concurrent = document.runs[1];
    expect(concurrent?.tasks.map((task) => task.status)).toEqual(['ok', 'ok', 'ok']);
    expect(concurrent?.idealMs).toBeCloseTo(30);
  });

  it('installs from its tarball; a program imports Semaphore from async-demos', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'async-demos-pack-'));
    folders.push(folder);
    const { stdout } = await exec(
      'npm',
      ['pack', '--ignore-scripts', '--pack-destination', folder],
      {
        cwd: root,
      },
    );
    const tarball = join(folder, stdout.trim().split('\n').at(-1) ?? '');
    const app = join(folder, 'app');
    await exec('mkdir', ['-p', app]);
    await writeFile(join(app, 'package.json'), '{ "name": "app", "type": "module" }\n');
    await exec(
      'npm',
      ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', tarball],
      {
        cwd: app,
      },
    );
    await writeFile(
      join(app, 'use.mjs'),
      "import { Semaphore } from 'async-demos';\n" +
        'const s = new Semaphore(2); await s.acquire(); console.log(s.inUse, s.available);\n',
    );
    const { stdout: used } = await exec(process.execPath, ['use.mjs'], { cwd: app });
    expect(used.trim()).toBe('1 1');
  }, 180_000);
});
