import { describe, expect, it } from 'vitest';
import { runApp } from '../src/app.js';
import { defineDemo, type Demo } from '../src/demo.js';
import { captureIo } from './support.js';

const stop = new AbortController();

/** Its prepare is stopped half-way and rejects, as a file write or a thread start does. */
const slowToPrepare = defineDemo({
  name: 'slow',
  summary: 'gets ready slowly',
  options: {},
  variants: { only: { summary: 'never reached', ideal: () => null, run: () => Promise.resolve() } },
  prepare: (_options, { signal }) =>
    new Promise((_resolve, reject) => {
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
