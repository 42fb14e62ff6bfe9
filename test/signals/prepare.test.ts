import { describe, expect, it } from 'vitest';
import { EXIT_CODE, isListening, stopAt } from './child.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

describe.concurrent('a signal while a demo gets ready (prepare)', () => {
  it.each(SIGNALS)(
    '%s while pitfalls writes its 1 GiB temporary file: one line, the file removed',
    async (signal) => {
      const outcome = await stopAt(
        ['pitfalls', '--file-mib', '1024'],
        { temporaryFolder: true },
        signal,
      );
      expect(outcome.killedBy).toBeNull();
      expect(outcome.code).toBe(EXIT_CODE[signal]);
      expect(outcome.msToExit).toBeLessThan(2000);
      expect(outcome.leftInTmp).toEqual([]);
      // Nothing was measured: no chart, no document, one line saying so.
      expect(outcome.stdout).toBe('');
      expect(outcome.stderr).toBe('stopped by Ctrl-C before the first variant\n');
    },
  );

  it.each(SIGNALS)(
    '%s as fetch starts its local server: the server is gone too',
    async (signal) => {
      const outcome = await stopAt(['fetch'], { stderr: '[test] listening on' }, signal);
      expect(outcome.killedBy).toBeNull();
      expect(outcome.code).toBe(EXIT_CODE[signal]);
      expect(outcome.msToExit).toBeLessThan(2000);
      expect(outcome.leftInTmp).toEqual([]);
      // Stopped in prepare (one line) or at the start of the first variant (a partial chart).
      expect(`${outcome.stdout}${outcome.stderr}`).toContain('stopped by Ctrl-C');
      expect(outcome.ports).toHaveLength(1);
      expect(await isListening(outcome.ports[0] ?? 0)).toBe(false);
    },
  );
});
