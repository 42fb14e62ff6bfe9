/** Where a pause reads its Enter: `main.ts` passes stdin, tests a stream of their own. */
export interface InputStream {
  isTTY?: boolean;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'end', listener: () => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

/**
 * Waits for a line on `input` (Enter), the end of input, or the signal; resolves false when the
 * signal ended it. The stream is paused again, so that it keeps no process alive.
 */
export function waitForEnter(input: InputStream, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const finish = (entered: boolean) => {
      input.off('data', onData);
      input.off('end', onEnd);
      signal.removeEventListener('abort', onAbort);
      input.pause();
      resolve(entered);
    };
    const onData = (chunk: Buffer | string) => {
      if (/[\r\n]/.test(String(chunk))) finish(true);
    };
    const onEnd = () => finish(true);
    const onAbort = () => finish(false);
    input.on('data', onData);
    input.on('end', onEnd);
    signal.addEventListener('abort', onAbort, { once: true });
    input.resume();
  });
}
