import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/async-demos.js', import.meta.url));
const temporaryFolders = () =>
  readdirSync(tmpdir()).filter((name) => name.startsWith('async-demos-'));

/** Starts the built command, sends `signal` once it has printed `after`, and waits for its end. */
function stopWhile(args: string[], after: string, signal: NodeJS.Signals) {
  return new Promise<{ code: number | null; stdout: string; msToExit: number }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { timeout: 20_000 });
    let stdout = '';
    let sentAt = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (sentAt === 0 && stdout.includes(after)) {
        sentAt = performance.now();
        child.kill(signal);
      }
    });
    child.on('close', (code) => resolve({ code, stdout, msToExit: performance.now() - sentAt }));
  });
}

describe('signals (the built command: npm test builds it)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s mid-variant: exit %d after printing what was measured, its temporary file removed',
    async (signal, code) => {
      const before = new Set(temporaryFolders());
      const args = ['pitfalls', '--awaited', '--async-read', '--scale', '1'];
      const outcome = await stopWhile(args, 'saveOrder() gave', signal);
      expect(outcome.code).toBe(code);
      expect(outcome.stdout).toContain('stopped by Ctrl-C after');
      expect(outcome.msToExit).toBeLessThan(2000);
      expect(temporaryFolders().filter((name) => !before.has(name))).toEqual([]);
    },
    30_000,
  );

  it('a reader that goes away (| head) ends it quietly, its temporary file removed', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'signals-'));
    try {
      const child = spawn(process.execPath, [bin, 'pitfalls', '--scale', '1'], {
        timeout: 20_000,
        env: { ...process.env, TMPDIR: tmp },
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 30_000);
});
