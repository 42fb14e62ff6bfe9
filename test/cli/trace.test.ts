import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runApp } from '../../src/cli/app.js';
import type { JsonDocument } from '../../src/render/json.js';
import type { TraceDocument } from '../../src/render/trace.js';
import { captureIo } from '../support.js';
import { expectValidTrace } from '../render/trace-format.js';

// Nothing here asserts a time: a real clock, at a small scale.
const FAST = ['--scale', '0.01'];

async function app(argv: string[]) {
  const captured = captureIo();
  const code = await runApp(argv, captured.io);
  // The PassThrough streams deliver what was written on the next turn.
  await new Promise((resolve) => setImmediate(resolve));
  return { code, out: captured.out, err: captured.err };
}

describe('runApp: --trace', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'async-demos-trace-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a Chrome trace beside the usual output, and no temporary file', async () => {
    const file = join(dir, 's.json');
    const { code, out } = await app(['semaphore', ...FAST, '--trace', file]);
    expect(code).toBe(0);
    expect(out).toContain('limited');
    const trace = JSON.parse(await readFile(file, 'utf8')) as TraceDocument;
    expectValidTrace(trace);
    expect(trace.otherData).toEqual({ demo: 'semaphore', scale: 0.01, seed: 42 });
    const names = trace.traceEvents.filter((e) => e.name === 'process_name');
    expect(names.map((e) => e.args?.name)).toEqual([
      'semaphore sequential',
      'semaphore limited',
      'semaphore unlimited',
    ]);
    const permits = trace.traceEvents.filter((e) => e.ph === 'C' && e.name === 'permitsInUse');
    expect(permits.length).toBeGreaterThan(0);
    for (const event of permits) expect(event.args?.value).toBeLessThanOrEqual(2);
    expect(await readdir(dir)).toEqual(['s.json']);
  });

  it('keeps --json as it is', async () => {
    const file = join(dir, 's.json');
    const { code, out } = await app(['semaphore', '--limited', ...FAST, '--json', '--trace', file]);
    expect(code).toBe(0);
    expect((JSON.parse(out) as JsonDocument).runs.map((run) => run.variant)).toEqual(['limited']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('traceEvents');
  });

  it.each([['/nonexistent/dir/s.json'], [tmpdir()]])(
    'fails fast on %s: exit 2, one line, nothing run',
    async (file) => {
      const { code, out, err } = await app(['semaphore', ...FAST, '--trace', file]);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err.startsWith(`async-demos: cannot write the trace to '${file}': `)).toBe(true);
      expect(err.split('\n')).toEqual([expect.stringMatching(/: .+$/), '']);
    },
  );

  it('writes what was measured when Ctrl-C stops the demo', async () => {
    const file = join(dir, 's.json');
    const captured = captureIo();
    const stop = new AbortController();
    // Stopped as soon as the live log shows the first line: in the middle of the first variant.
    (captured.io.out as NodeJS.WritableStream).once('data', () => stop.abort());
    const code = await runApp(['semaphore', '--scale', '0.1', '--trace', file], captured.io, {
      signal: stop.signal,
    });
    expect(code).toBe(130);
    const trace = JSON.parse(await readFile(file, 'utf8')) as TraceDocument;
    expectValidTrace(trace);
    expect(trace.traceEvents.filter((e) => e.name === 'process_name')).toHaveLength(1);
    expect(await readdir(dir)).toEqual(['s.json']);
  });

  it('escapes control characters of the path', async () => {
    const { code, err } = await app(['semaphore', '--trace', '/nonexistent/\x1b[31m/s.json']);
    expect(code).toBe(2);
    expect(err).not.toContain('\x1b');
    expect(err).toContain('\\x1b[31m');
  });

  it('rejects an empty path as bad usage', async () => {
    const { code, out, err } = await app(['semaphore', '--trace', '']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.split('\n')).toHaveLength(2);
    expect(err).toContain("invalid --trace ''");
  });
});
