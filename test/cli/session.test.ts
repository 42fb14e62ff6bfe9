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
