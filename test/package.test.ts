import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/**
 * What a command loads, as the bundle's inputs (src/…, demos/…, node_modules/…) and Node's own
 * modules: a module hook reports every module as it loads, and the bundle's metafile tells what
 * each chunk holds.
 */
async function modulesLoadedBy(argv: string[]): Promise<{ files: string[]; inputs: string[] }> {
  const folder = await mkdtemp(join(tmpdir(), 'async-demos-loads-'));
  folders.push(folder);
  const hook = join(folder, 'hook.mjs');
  await writeFile(
    hook,
    'export async function load(url, context, next) {\n' +
      '  process.stderr.write(`loaded ${url}\\n`);\n' +
      '  return next(url, context);\n}\n',
  );
  const register = join(folder, 'register.mjs');
  await writeFile(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`,
  );
  const { stderr } = await exec(process.execPath, ['--import', register, bin, ...argv], {
    cwd: root,
  });
  const meta = JSON.parse(await readFile(join(root, 'dist/cli/meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  const urls = stderr.split('\n').flatMap((line) => /^loaded (\S+)$/.exec(line)?.[1] ?? []);
  const files = urls
    .filter((url) => url.startsWith('file:'))
    .map((url) => relative(root, fileURLToPath(url)));
  const inputs = urls.flatMap((url) => {
    if (!url.startsWith('file:')) return [url];
    const file = relative(root, fileURLToPath(url));
    return Object.keys(meta.outputs[file]?.inputs ?? { [file]: null });
  });
  return { files, inputs };
}

describe('start-up loads only what the command uses (modules counted, not milliseconds)', () => {
  it('--version: a few of our own modules, no package, no demo, no commander', async () => {
    const { files, inputs } = await modulesLoadedBy(['--version']);
    expect(inputs.filter((input) => /(^|\/)(demos|node_modules)\//.test(input))).toEqual([]);
    expect(files.length).toBeLessThanOrEqual(5);
  });

  it('list and --help: no HTTP client, highlighter, spinner, TypeScript loader or demo runner', async () => {
    const unused =
      /undici|cli-highlight|\/ora\/|\/tsx\/|node:http|src\/cli\/session|src\/engine\/runner/;
    for (const argv of [['list'], ['--help'], ['breakfast', '--help']]) {
      const { files, inputs } = await modulesLoadedBy(argv);
      const command = argv.join(' ');
      expect(
        inputs.filter((input) => unused.test(input)),
        command,
      ).toEqual([]);
      // What is used comes bundled, in a handful of files rather than dozens of modules.
      expect(
        files.filter((file) => !/^(bin|dist\/cli)\//.test(file)),
        command,
      ).toEqual([]);
      expect(files.length, command).toBeLessThanOrEqual(24);
    }
  });
});
