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

/** Where the one outcome of an exchange goes. */
export interface Outcome {
  succeeded(response: Response): void;
  failed(error: Error): void;
}

/**
 * One GET through undici's dispatch API: the status and a count of body bytes are all the demo
 * keeps, so no body stream, no AbortSignal and no promise per chunk. (`request()` builds all
 * three for every request: a third of the client's time when the server answers at once.)
 * Returns a way to give the request up: undici drops it once it is on a socket, at once if it
 * already is, and the outcome is a failure with that reason.
 */
export function exchange(
  dispatcher: Dispatcher,
  url: URL,
  { origin, path }: Route,
  maxBodyBytes: number,
  statusText: Partial<Record<number, string>>,
  outcome: Outcome,
): (reason: Error) => void {
  let controller: Dispatcher.DispatchController | null = null;
  let givenUp: Error | null = null;
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
        if (failed()) outcome.failed(statusError());
        else outcome.succeeded({ status, bytes });
      },
      onResponseError(_controller, error) {
        if (givenUp) outcome.failed(givenUp);
        else outcome.failed(error instanceof RequestError ? error : toRequestError(error, url));
      },
    },
  );
  return (reason) => {
    givenUp ??= reason;
    controller?.abort(reason);
  };
}
