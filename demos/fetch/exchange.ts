import type { Dispatcher } from 'undici';
import { RequestError, formatBytes, toRequestError, type Response } from './errors.js';

/** A non-2xx body is read and dropped up to this much (so the connection serves the next). */
const DROPPED_BODY_LIMIT = 64 * 1024;

/** Where a URL's requests go, worked out once per URL rather than once per request. */
export interface Route {
  origin: string;
  path: string;
}

export function routeOf(url: URL): Route {
  return { origin: url.origin, path: `${url.pathname}${url.search}` };
}

/** One GET on its way: its answer, and a way to give it up. */
export interface Exchange {
  readonly answer: Promise<Response>;
  /** Gives the request up: undici drops it once it is on a socket, at once if it already is. */
  abort(reason: Error): void;
}

/**
 * One GET through undici's dispatch API: the status and a count of body bytes are all the demo
 * keeps, so no body stream, no AbortSignal and no promise per chunk. (`request()` builds all
 * three for every request: a third of the client's time when the server answers at once.)
 */
export function exchange(
  dispatcher: Dispatcher,
  url: URL,
  { origin, path }: Route,
  maxBodyBytes: number,
  statusText: Partial<Record<number, string>>,
): Exchange {
  let controller: Dispatcher.DispatchController | null = null;
  let givenUp: Error | null = null;
  const answer = new Promise<Response>((resolve, reject) => {
    let status = 0;
    let bytes = 0;
    const failed = () => status < 200 || status > 299;
    const statusError = () =>
      new RequestError('status', `HTTP ${status} ${statusText[status] ?? ''}`.trim());
    dispatcher.dispatch(
      { origin, path, method: 'GET' },
      {
        onRequestStart(started) {
          controller = started;
          if (givenUp) started.abort(givenUp);
        },
        onResponseStart(_controller, statusCode) {
          status = statusCode;
        },
        onResponseData(responding, chunk) {
          bytes += chunk.length;
          if (failed() && bytes > DROPPED_BODY_LIMIT) responding.abort(statusError());
          else if (!failed() && bytes > maxBodyBytes) {
            const cap = formatBytes(maxBodyBytes);
            responding.abort(new RequestError('too-large', `body over the cap of ${cap}`));
          }
        },
        onResponseEnd() {
          if (failed()) reject(statusError());
          else resolve({ status, bytes });
        },
        onResponseError(_controller, error) {
          if (givenUp) reject(givenUp);
          else reject(error instanceof RequestError ? error : toRequestError(error, url));
        },
      },
    );
  });
  return {
    answer,
    abort(reason) {
      givenUp ??= reason;
      controller?.abort(reason);
    },
  };
}
