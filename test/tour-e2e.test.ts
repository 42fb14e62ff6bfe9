import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/async-demos.js', import.meta.url));

/**
 * Starts the built command, sends SIGINT once it has printed `after` past `from`, and waits for
 * its end.
 */
function interruptAfter(args: string[], from: string, after: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { timeout: 30_000, env });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const start = stdout.indexOf(from);
      if (!sent && start >= 0 && stdout.includes(after, start)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tour and Ctrl-C (the built command: npm test builds it)', () => {
  it.each([
    ['pitfalls', 'its temporary file', '▶ awaited'],
    ['fetch', 'its server', '▶ concurrent'],
    ['cpu-vs-io', 'its worker threads', '▶ threads'],
  ])(
    'mid-%s: the summary so far, exit 130, %s taken down',
    async (demo, _, after) => {
      let leftBehind: string[] = [];
      // A folder of its own for temporary files: other tests make theirs meanwhile.
      const tmp = mkdtempSync(join(tmpdir(), 'tour-e2e-'));
      const { code, stdout, stderr } = await interruptAfter(
        ['tour', '--only', `breakfast,${demo},workers`, '--scale', '0.5'],
        `━━ 2 of 3 · ${demo}`,
        after,
        { ...process.env, TMPDIR: tmp },
      ).finally(() => {
        leftBehind = readdirSync(tmp);
        rmSync(tmp, { recursive: true, force: true });
      });
      expect(stderr).toBe('');
      expect(code).toBe(130);
      expect(stdout).toContain(`━━ 2 of 3 · ${demo}`);
      expect(stdout).toContain('stopped by Ctrl-C after');
      expect(stdout).toContain('Tour summary: stopped by Ctrl-C in demo 2 of 3');
      expect(stdout).toMatch(/│ breakfast +│ blocking vs concurrent/);
      expect(stdout).toContain(`│ ${demo} (stopped) │`);
      expect(stdout).not.toContain('━━ 3 of 3');
      // The process ended by itself: no server, timer or thread was left behind.
      expect(leftBehind).toEqual([]);
    },
    40_000,
  );
});
