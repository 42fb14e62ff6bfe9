import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type DemoServer } from '../../src/server/server.js';

let server: DemoServer | undefined;
afterEach(() => server?.close());

/** Sends raw bytes, as a client that does not build its request with a URL parser would. */
function rawRequest(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
    );
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
    socket.on('end', () => resolve(reply.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

describe('the endpoints', () => {
  it('answers a request target that is not a URL with 400, and goes on serving', async () => {
    server = await startServer();
    expect(await rawRequest(server.port, 'http://[::1')).toBe('HTTP/1.1 400 Bad Request');
    expect(await rawRequest(server.port, '/json')).toBe('HTTP/1.1 200 OK');
  });

  it('finds no endpoint among an object prototype’s members', async () => {
    server = await startServer();
    for (const path of ['/constructor', '/toString', '/__proto__', '/json/extra', '/delay/1/2']) {
      expect(await rawRequest(server.port, path)).toBe('HTTP/1.1 404 Not Found');
    }
  });
});

describe('numbers in paths', () => {
  it.each(['/delay/0x10', '/delay/1e3', '/delay/+5', '/delay/%205', '/delay/-0', '/delay/.5'])(
    '%s is not a plain decimal number of seconds: 400 at once, no wait',
    async (path) => {
      server = await startServer();
      expect(await rawRequest(server.port, path)).toBe('HTTP/1.1 400 Bad Request');
      expect(server.counts().inFlight).toBe(0);
    },
  );

  it.each(['/status/0x1f4', '/status/5e2', '/status/+500', '/bytes/0x10', '/bytes/1e3'])(
    '%s is not a whole decimal number: 400',
    async (path) => {
      server = await startServer();
      expect(await rawRequest(server.port, path)).toBe('HTTP/1.1 400 Bad Request');
    },
  );

  it('takes decimal numbers, with a fraction for a delay', async () => {
    server = await startServer({ scale: 0.01 });
    expect(await rawRequest(server.port, '/delay/0.5')).toBe('HTTP/1.1 200 OK');
    expect(await rawRequest(server.port, '/delay/010')).toBe('HTTP/1.1 200 OK');
    expect(await rawRequest(server.port, '/status/500')).toBe('HTTP/1.1 500 Internal Server Error');
  });
});
