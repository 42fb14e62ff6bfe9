import { get } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { runApp } from '../../src/cli/app.js';
import { parseCommandLine } from '../../src/cli/parse.js';
import { connectableUrl, listensEverywhere } from '../../src/cli/serve.js';
import { startServer } from '../../src/server/server.js';
import { captureIo } from '../support.js';
import { openSockets } from '../network.js';

function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).on('error', reject);
  });
}

function requestLines(out: string): string[] {
  return out.split('\n').filter((line) => line.endsWith(' in flight'));
}

describe('serve on the command line', () => {
  it('parses its options, with defaults', () => {
    const settings = { demos: [], version: '0.0.0' };
    expect(parseCommandLine(['serve'], settings)).toEqual({
      kind: 'serve',
      port: 8080,
      host: '127.0.0.1',
      scale: 1,
      color: true,
      quiet: false,
    });
    expect(
      parseCommandLine(
        ['serve', '--port', '0', '--host', '::1', '--scale', '0.1', '--no-color', '--quiet'],
        settings,
      ),
    ).toEqual({ kind: 'serve', port: 0, host: '::1', scale: 0.1, color: false, quiet: true });
  });

  it.each([
    [['--port', '70000'], "invalid --port '70000': a port is a whole number from 0 to 65535"],
    [['--port', 'http'], "invalid --port 'http'"],
    [['--scale', '0'], "invalid --scale '0'"],
    [['--host', ''], "invalid --host ''"],
    [['--host', '127.0.0.1:80'], "invalid --host '127.0.0.1:80'"],
    [['--host', '-1'], "invalid --host '-1'"],
    [['--host', '\x1b]0;x\x07'], "invalid --host '\\x1b]0;x\\x07'"],
  ])('%j is a one-line usage error', async (args, message) => {
    const io = captureIo();
    expect(await runApp(['serve', ...args], io.io)).toBe(2);
    expect(io.err).toContain(message);
    expect(io.err).toContain("see 'async-demos serve --help'");
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });

  it('takes an IPv6 address in brackets, as the banner prints it', async () => {
    const io = captureIo();
    const interrupt = new AbortController();
    const running = runApp(['serve', '--port', '0', '--host', '[::1]'], io.io, {
      signal: interrupt.signal,
    });
    await vi.waitFor(() => expect(io.out).toContain('Press Ctrl-C to stop.'));
    expect(io.out).toMatch(/listening on http:\/\/\[::1\]:\d+/);
    interrupt.abort();
    expect(await running).toBe(0);
  });

  it('shows a usable address when it listens on every interface', () => {
    // Not started here: tests listen on 127.0.0.1 only.
    expect(listensEverywhere('0.0.0.0')).toBe(true);
    expect(listensEverywhere('::')).toBe(true);
    expect(listensEverywhere('127.0.0.1')).toBe(false);
    expect(connectableUrl('http://0.0.0.0:8080')).toBe('http://127.0.0.1:8080');
    expect(connectableUrl('http://[::]:8080')).toBe('http://[::1]:8080');
    expect(connectableUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });

  it('serves until Ctrl-C, then closes, reports and exits 0', async () => {
    const io = captureIo();
    const interrupt = new AbortController();
    const running = runApp(['serve', '--port', '0', '--scale', '0.1'], io.io, {
      signal: interrupt.signal,
    });
    await vi.waitFor(() => expect(io.out).toContain('Press Ctrl-C to stop.'));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out)?.[1] ?? '';
    expect(io.out).toContain(`curl ${url}/delay/2`);
    expect(await status(`${url}/json`)).toBe(200);
    expect(await status(`${url}/status/418`)).toBe(418);
    interrupt.abort();
    expect(await running).toBe(0);
    expect(io.out).toContain('server closed after 2 requests (at most 1 at once)');
    expect(io.err).toBe('');
    expect(await openSockets()).toEqual([]);
  });

  it('logs a line per request as it ends, within 80 columns', async () => {
    const io = captureIo();
    const interrupt = new AbortController();
    const running = runApp(['serve', '--port', '0'], io.io, { signal: interrupt.signal });
    await vi.waitFor(() => expect(io.out).toContain('Press Ctrl-C to stop.'));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out)?.[1] ?? '';
    expect(await status(`${url}/json`)).toBe(200);
    expect(await status(`${url}/status/418`)).toBe(418);
    expect(await status(`${url}/nope%1b`)).toBe(404);
    await vi.waitFor(() => expect(requestLines(io.out)).toHaveLength(3));
    interrupt.abort();
    expect(await running).toBe(0);
    const lines = requestLines(io.out);
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} {2}GET +\/json +200 +[\d.]+ m?s {2}1 in flight$/,
    );
    expect(lines[1]).toMatch(/ GET +\/status\/418 +418 /);
    expect(lines[2]).toMatch(/ GET +\/nope%1b +404 /);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('logs no request with --quiet', async () => {
    const io = captureIo();
    const interrupt = new AbortController();
    const running = runApp(['serve', '--port', '0', '--quiet'], io.io, {
      signal: interrupt.signal,
    });
    await vi.waitFor(() => expect(io.out).toContain('Press Ctrl-C to stop.'));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out)?.[1] ?? '';
    expect(await status(`${url}/json`)).toBe(200);
    interrupt.abort();
    expect(await running).toBe(0);
    expect(io.out).toContain('server closed after 1 request');
    expect(requestLines(io.out)).toEqual([]);
  });

  it('says in one line that the port is in use, and exits 1', async () => {
    const taken = await startServer();
    try {
      const io = captureIo();
      expect(await runApp(['serve', '--port', String(taken.port)], io.io)).toBe(1);
      expect(io.err).toBe(
        `async-demos: port ${taken.port} is in use on 127.0.0.1; choose another with --port\n`,
      );
    } finally {
      await taken.close();
    }
  });
});
