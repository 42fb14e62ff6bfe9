import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../demos/index.js';
import type { JsonDocument } from '../src/render/json.js';

// The installed command, as a user runs it: the shim in bin/ into the compiled code in dist/.
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/async-demos.js', import.meta.url));
const built = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command with no colour asked for from outside; `onStdout` sees output as it comes. */
function command(
  args: string[],
  onStdout?: (stdout: string, child: ReturnType<typeof spawn>) => void,
  /** After this long the child is killed, so that a failing test leaves no process behind. */
  killAfterMs = 15_000,
): Promise<Outcome> {
  const unset = new Set(['FORCE_COLOR', 'NO_COLOR', 'CI', 'ASYNC_DEMOS_DEBUG']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !unset.has(name)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, timeout: killAfterMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the built command', () => {
  beforeAll(() => {
    if (!existsSync(built)) {
      throw new Error(`${built} is missing: run 'npm run build' first ('npm test' does)`);
    }
  });

  it('breakfast --concurrent --json: one run, toast ready before coffee, close to its ideal', async () => {
    const { code, stdout, stderr } = await command([
      'breakfast',
      '--concurrent',
      '--scale',
      '0.1',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as JsonDocument;
    expect(document).toMatchObject({ demo: 'breakfast', scale: 0.1, seed: 42 });
    expect(document.runs).toHaveLength(1);
    const [run] = document.runs;
    expect(run?.idealMs).toBe(300);
    const coffee = run?.tasks.find((task) => task.name === 'coffee');
    const toast = run?.tasks.find((task) => task.name === 'toast');
    expect(toast?.endMs).toBeLessThan(coffee?.endMs ?? 0);
    // Real time on a shared machine: ratios with generous bounds, never an absolute figure.
    const ratio = (run?.elapsedMs ?? 0) / 300;
    expect(ratio).toBeGreaterThanOrEqual(0.99);
    expect(ratio).toBeLessThan(2.5);
    expect((toast?.endMs ?? 0) / (coffee?.endMs ?? 1)).toBeGreaterThan(0.5);
    expect((toast?.endMs ?? 0) / (coffee?.endMs ?? 1)).toBeLessThan(0.8);
  });

  it('breakfast piped: every variant, charts and the table, no escape codes', async () => {
    const { code, stdout, stderr } = await command(['breakfast', '--scale', '0.05']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).not.toContain('\x1b');
    for (const variant of ['blocking', 'sequential', 'concurrent']) {
      expect(stdout).toContain(`▶ ${variant}:`);
      expect(stdout).toMatch(new RegExp(`■ ${variant} took `));
    }
    expect(stdout).toMatch(/coffee +│.*│ ✓ /);
    expect(stdout).toContain('▓ blocked');
    expect(stdout).toContain('Comparison (speedup against the slowest variant)');
    expect(stdout).toMatch(/│ concurrent ★ +│/);
  });

  it.each([
    [
      ['breakfst'],
      "async-demos: unknown demo 'breakfst' (did you mean breakfast?); see 'async-demos list'\n",
    ],
    [
      ['breakfast', '--fast'],
      "async-demos: unknown option '--fast'; see 'async-demos breakfast --help'\n",
    ],
  ])('%j exits 2 with one line on stderr', async (args, line) => {
    const { code, stdout, stderr } = await command(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(line);
  });

  it('list, list --json and --version answer', async () => {
    const [list, json, version] = await Promise.all([
      command(['list']),
      command(['list', '--json']),
      command(['--version']),
    ]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/│ breakfast +│ blocking, sequential,/);
    expect(list.stdout).not.toContain('\x1b');
    expect(json.code).toBe(0);
    const entries = JSON.parse(json.stdout) as { name: string; variants: string[] }[];
    expect(entries.find((entry) => entry.name === 'breakfast')?.variants).toEqual([
      'blocking',
      'sequential',
      'concurrent',
    ]);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(version).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('Ctrl-C stops a run: exit 130 after printing what was measured', async () => {
    let sent = false;
    const { code, stdout, stderr } = await command(
      ['breakfast', '--sequential', '--scale', '1'],
      (soFar, child) => {
        if (!sent && soFar.includes('start coffee')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(sent).toBe(true);
    expect(code).toBe(130);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/■ sequential stopped by Ctrl-C after [\d.]+ m?s · ideal 5\.000 s\n/);
    expect(stdout).toMatch(/coffee +│.*│ ⊘ /);
    expect(stdout).not.toContain('coffee ready');
  });

  // A timer, socket, server or worker left behind would keep the process alive: the test would
  // time out instead of seeing it end with its document.
  it.each(registry.map((demo) => [demo.name]))(
    '%s ends by itself once it has written its document',
    async (name) => {
      const args = [name, '--json', '--scale', '0.01'];
      const { code, stdout, stderr } = await command(args, undefined, 10_000);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as JsonDocument).demo).toBe(name);
    },
    15_000,
  );
});
