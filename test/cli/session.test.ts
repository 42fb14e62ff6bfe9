import { clearLine, cursorTo, moveCursor } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runApp } from '../../src/cli/app.js';
import { defineDemo, type Demo } from '../../src/engine/demo.js';
import { captureIo } from '../support.js';

const stop = new AbortController();

/** Its prepare is stopped half-way and rejects, as a file write or a thread start does. */
const slowToPrepare = defineDemo({
  name: 'slow',
  summary: 'gets ready slowly',
  options: {},
  variants: { only: { summary: 'never reached', ideal: () => null, run: () => Promise.resolve() } },
  prepare: (_options, { signal }) =>
    new Promise<{ state: undefined }>((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      stop.abort();
    }),
}) as unknown as Demo;

describe('a session stopped while its demo gets ready', () => {
  it('exits 130 with one line, not as a failure', async () => {
    const captured = captureIo();
    const code = await runApp(['slow'], captured.io, {
      demos: [slowToPrepare],
      signal: stop.signal,
    });
    expect(code).toBe(130);
    await new Promise((resolve) => setImmediate(resolve));
    expect(captured.err).toBe('stopped by Ctrl-C before the first variant\n');
    expect(captured.out).not.toContain('never reached');
  });
});

/** Takes a little while to get ready, as a demo that starts a server or threads does. */
const readyLater = defineDemo({
  name: 'later',
  summary: 'gets ready after a while',
  options: {},
  variants: { only: { summary: 'runs at once', ideal: () => null, run: () => Promise.resolve() } },
  prepare: () =>
    new Promise<{ state: undefined }>((resolve) =>
      setTimeout(() => resolve({ state: undefined }), 100),
    ),
}) as unknown as Demo;

describe('a session whose demo takes a while to get ready', () => {
  // ora spins only on an interactive terminal: not under CI, not on a dumb terminal.
  beforeEach(() => {
    vi.stubEnv('CI', undefined);
    vi.stubEnv('TERM', 'xterm-256color');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('shows a spinner on a terminal meanwhile, and none on a pipe', async () => {
    const terminal = captureIo({ tty: true });
    const err = terminal.io.err as NodeJS.WritableStream;
    Object.assign(err, {
      cursorTo: (x: number) => cursorTo(err, x),
      moveCursor: (dx: number, dy: number) => moveCursor(err, dx, dy),
      clearLine: (dir: -1 | 0 | 1) => clearLine(err, dir),
    });
    expect(await runApp(['later'], terminal.io, { demos: [readyLater] })).toBe(0);
    expect(terminal.err).toContain('later: getting ready…');

    const pipe = captureIo();
    expect(await runApp(['later'], pipe.io, { demos: [readyLater] })).toBe(0);
    expect(pipe.err).toBe('');
  });
});

/** Two variants; `b` is stopped by Ctrl-C during its third run (with a warm-up: its second counted). */
function stoppedMidway(stopper: AbortController) {
  let runsOfB = 0;
  return defineDemo({
    name: 'repeats',
    summary: 'runs its variants several times',
    options: {},
    variants: {
      a: { summary: 'quick', ideal: () => null, run: (ctx) => ctx.sleep(1) },
      b: {
        summary: 'stopped',
        ideal: () => null,
        run: async (ctx) => {
          runsOfB += 1;
          if (runsOfB === 3) stopper.abort();
          await ctx.sleep(1);
        },
      },
    },
  }) as unknown as Demo;
}

describe('a session with --runs', () => {
  it('on a pipe: the mean ± σ in plain text, no progress, no escape codes', async () => {
    const stopper = new AbortController();
    const demo = stoppedMidway(stopper);
    const pipe = captureIo();
    expect(await runApp(['repeats', '--a', '--runs', '3'], pipe.io, { demos: [demo] })).toBe(0);
    expect(pipe.out).toMatch(/■ a: mean [\d.]+ ± [\d.]+ ms of 3 runs \([\d.]+ … [\d.]+ ms\)/);
    expect(pipe.out).not.toContain('\x1b');
    expect(pipe.err).toBe('');
  });

  it('stops at once on Ctrl-C, shows what was measured, and exits 130', async () => {
    const stopper = new AbortController();
    const demo = stoppedMidway(stopper);
    const pipe = captureIo();
    const code = await runApp(['repeats', '--runs', '3', '--warmup', '1'], pipe.io, {
      demos: [demo],
      signal: stopper.signal,
    });
    expect(code).toBe(130);
    expect(pipe.out).toMatch(/■ b, stopped by Ctrl-C: mean [\d.]+ ± 0\.0 ms of 1 run/);
    expect(pipe.out).toMatch(/│ b \(stopped\) │/);
    expect(pipe.out).toContain('3 runs of each variant after 1 warm-up; b stopped after 1 run.');
  });
});

describe('a session with --runs on a terminal', () => {
  beforeEach(() => {
    vi.stubEnv('CI', undefined);
    vi.stubEnv('TERM', 'xterm-256color');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('says which run is under way in the spinner, on stderr', async () => {
    // Each run outlasts a spinner frame (80 ms), so that every text gets drawn.
    const slow = defineDemo({
      name: 'slow-runs',
      summary: 'each run takes a moment',
      options: {},
      variants: { only: { summary: 'waits', ideal: () => null, run: (ctx) => ctx.sleep(100) } },
    }) as unknown as Demo;
    const terminal = captureIo({ tty: true });
    const err = terminal.io.err as NodeJS.WritableStream;
    Object.assign(err, {
      cursorTo: (x: number) => cursorTo(err, x),
      moveCursor: (dx: number, dy: number) => moveCursor(err, dx, dy),
      clearLine: (dir: -1 | 0 | 1) => clearLine(err, dir),
    });
    const argv = ['slow-runs', '--runs', '2', '--warmup', '1', '--quiet'];
    expect(await runApp(argv, terminal.io, { demos: [slow] })).toBe(0);
    expect(terminal.err).toContain('slow-runs only: warm-up 1 of 1…');
    expect(terminal.err).toContain('slow-runs only: run 2 of 2…');
    expect(terminal.out).not.toContain('run 2 of 2');
  });
});
