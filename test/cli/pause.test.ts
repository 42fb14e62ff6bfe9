import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { waitForEnter } from '../../src/cli/pause.js';

const input = () => new PassThrough();
const never = () => new AbortController().signal;

describe('waitForEnter', () => {
  it('waits for a line, not for any key', async () => {
    const stream = input();
    let entered: boolean | undefined;
    const waiting = waitForEnter(stream, never()).then((value) => (entered = value));
    stream.write('x');
    await new Promise((resolve) => setImmediate(resolve));
    expect(entered).toBeUndefined();
    stream.write('\n');
    expect(await waiting).toBe(true);
  });

  it('goes on when the input ends', async () => {
    const stream = input();
    const waiting = waitForEnter(stream, never());
    stream.end();
    expect(await waiting).toBe(true);
  });

  it('gives up when the signal aborts (Ctrl-C), or has already', async () => {
    const stop = new AbortController();
    const stream = input();
    const waiting = waitForEnter(stream, stop.signal);
    stop.abort();
    expect(await waiting).toBe(false);
    expect(await waitForEnter(input(), stop.signal)).toBe(false);
  });

  it('leaves the stream paused and without its listeners, so that it keeps nothing alive', async () => {
    const stream = input();
    const waiting = waitForEnter(stream, never());
    stream.write('\r');
    await waiting;
    expect(stream.isPaused()).toBe(true);
    expect(stream.listenerCount('data')).toBe(0);
    expect(stream.listenerCount('end')).toBe(0);
  });
});
