import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stopAt, type Stopped } from './child.js';

const bin = fileURLToPath(new URL('../../bin/async-demos.js', import.meta.url));

/**
 * Ended with 130, or by the second SIGINT itself when it came in the last milliseconds of the
 * exit, once Node had let go of its signal handlers (a shell sees 130 both ways); in time, and
 * with the temporary folder removed either way.
 */
function expectStoppedNow(outcome: Stopped) {
  if (outcome.killedBy === null) expect(outcome.code).toBe(130);
  else expect(outcome.killedBy).toBe('SIGINT');
  expect(outcome.msToExit).toBeLessThan(2000);
  expect(outcome.leftInTmp).toEqual([]);
}

describe.concurrent('a second Ctrl-C 30 ms after the first: stop now, still clean up', () => {
  it('while pitfalls writes its temporary file', async () => {
    const outcome = await stopAt(
      ['pitfalls', '--file-mib', '1024'],
      { temporaryFolder: true },
      'SIGINT',
      {
        againAfterMs: 30,
      },
    );
    expectStoppedNow(outcome);
  });

  it('while pitfalls reads it, blocking the thread', async () => {
    const outcome = await stopAt(
      ['pitfalls', '--blocking-read', '--file-mib', '256'],
      { stdout: 'readFileSync(' },
      'SIGINT',
      { againAfterMs: 30 },
    );
    expectStoppedNow(outcome);
  });

  it('a reader that goes away (| head) ends it quietly, its temporary file removed', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'signals-'));
    try {
      const child = spawn(process.execPath, [bin, 'pitfalls', '--scale', '1'], {
        env: { ...process.env, TMPDIR: tmp },
      });
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise((resolve) => child.on('close', resolve));
      clearTimeout(killer);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
