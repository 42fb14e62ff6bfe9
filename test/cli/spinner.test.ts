import { clearLine, cursorTo, moveCursor } from 'node:readline';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSpinner } from '../../src/cli/spinner.js';
import { flush } from '../support.js';

/** A stream that looks like a terminal, as ora's own tests build one, read back as text. */
function terminalLike(options: { isTTY?: boolean; columns?: number | undefined } = {}) {
  const stream = new PassThrough();
  let written = '';
  stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
  const terminal = Object.assign(stream, {
    isTTY: options.isTTY ?? true,
    columns: 'columns' in options ? options.columns : 80,
    cursorTo: (x: number) => cursorTo(stream, x),
    moveCursor: (dx: number, dy: number) => moveCursor(stream, dx, dy),
    clearLine: (dir: -1 | 0 | 1) => clearLine(stream, dir),
  });
  return {
    stream: terminal,
    get written() {
      return written;
    },
  };
}

describe('startSpinner', () => {
  // ora spins only on an interactive terminal: not under CI, not on a dumb terminal.
  beforeEach(() => {
    vi.stubEnv('CI', undefined);
    vi.stubEnv('TERM', 'xterm-256color');
  });
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    ['a pipe', { isTTY: false }, true],
    ['a terminal that reports 0 columns', { columns: 0 }, true],
    ['a terminal that reports no columns', { columns: undefined }, true],
    ['a terminal, when disabled', {}, false],
  ])('writes nothing on %s', async (_label, streamOptions, enabled) => {
    const terminal = terminalLike(streamOptions);
    const spinner = await startSpinner(terminal.stream, 'breakfast concurrent…', enabled);
    spinner.stop();
    await flush();
    expect(terminal.written).toBe('');
  });

  it('draws frames on the given terminal and clears its line when stopped', async () => {
    const terminal = terminalLike();
    const spinner = await startSpinner(terminal.stream, 'breakfast concurrent…', true);
    await flush();
    const whileSpinning = terminal.written;
    expect(whileSpinning).toContain('breakfast concurrent…');
    expect(whileSpinning).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    spinner.stop();
    await flush();
    const afterStop = terminal.written.slice(whileSpinning.length);
    expect(afterStop).toContain('\x1b[1G'); // back to column 1
    expect(afterStop).toContain('\x1b[0K'); // the spinner's line erased
    expect(afterStop).not.toContain('breakfast concurrent…');
    const stopped = terminal.written;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(terminal.written).toBe(stopped);
  });
});
