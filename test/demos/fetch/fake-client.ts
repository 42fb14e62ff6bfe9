import { fetchOptions } from '../../../demos/fetch/index.js';
import { runRequests, type Target } from '../../../demos/fetch/requests.js';
import { defineDemo } from '../../../src/engine/demo.js';
import { RequestError, type HttpClient, type Response } from '../../../demos/fetch/http-client.js';

/**
 * A client on fake timers: `/delay/<ms>` answers after that many (fake) milliseconds, `/fail`
 * fails at once; it counts what is in flight, as a server would.
 */
export function fakeClient() {
  const state = { inFlight: 0, peak: 0, requests: 0 };
  const client: HttpClient = {
    start: (url, hooks) => {
      let abort: (reason: Error) => void = () => {};
      const answer = new Promise<Response>((resolve, reject) => {
        // A connection of its own at once: the real client's wait for one is tested against it.
        hooks?.sent();
        state.requests++;
        state.inFlight++;
        state.peak = Math.max(state.peak, state.inFlight);
        const end = () => {
          state.inFlight--;
          hooks?.released();
        };
        abort = (reason) => {
          clearTimeout(timer);
          end();
          reject(reason);
        };
        const ms = Number(/^\/delay\/(\d+)$/.exec(url.pathname)?.[1] ?? 0);
        const timer = setTimeout(() => {
          abort = () => {};
          end();
          if (url.pathname === '/fail')
            reject(new RequestError('status', 'HTTP 500 Internal Server Error'));
          else resolve({ status: 200, bytes: 10 });
        }, ms);
      });
      return { answer, abort: (reason) => abort(reason) };
    },
    close: () => Promise.resolve(),
  };
  return { client, state };
}

export function target(path: string): Target {
  return { url: new URL(path, 'http://fake.test'), name: path, delayMs: null };
}

export function demoWith(client: HttpClient) {
  return defineDemo({
    name: 'fetch-fake',
    summary: 'the fetch variants on a fake client',
    options: fetchOptions,
    variants: {
      sequential: {
        summary: '',
        ideal: () => null,
        run: (ctx) => runRequests(ctx, { client, targets: ctx.options.urls }, 'sequential'),
      },
      concurrent: {
        summary: '',
        ideal: () => null,
        run: (ctx) => runRequests(ctx, { client, targets: ctx.options.urls }, 'concurrent'),
      },
    },
  });
}
