import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the demo's server answers, path by path; `handle` routes one request. */

/** The longest delay the server accepts, in seconds (before the scale). */
export const MAX_DELAY_SECONDS = 600;
/** The most bytes `/bytes/<n>` sends: enough to overrun any client's cap, not to fill memory. */
export const MAX_BYTES = 64 * 1024 * 1024;

export interface Endpoint {
  path: string;
  description: string;
  example: string;
}

export const ENDPOINTS: readonly Endpoint[] = [
  {
    path: '/delay/<seconds>',
    description: 'answers after that many seconds (times the scale)',
    example: '/delay/2',
  },
  { path: '/json', description: 'a small JSON document, at once', example: '/json' },
  {
    path: '/status/<code>',
    description: 'answers with that HTTP status (200–599)',
    example: '/status/404',
  },
  {
    path: '/bytes/<n>',
    description: `n bytes of data (at most ${MAX_BYTES / 1024 / 1024} MiB)`,
    example: '/bytes/1024',
  },
];

export const JSON_DOCUMENT = {
  name: 'async-demos',
  message: 'a small JSON document, served at once',
  items: [1, 2, 3],
};

type Route = (response: ServerResponse, argument: string | undefined, scale: number) => void;

const ROUTES: Record<string, Route> = {
  '': (response) => sendJson(response, 200, { endpoints: ENDPOINTS }),
  json: (response) => sendJson(response, 200, JSON_DOCUMENT),
  delay,
  status,
  bytes,
};
const WITHOUT_ARGUMENT = new Set(['', 'json']);

/** Answers one request: an endpoint above, or 404 with a pointer to the list at `/`. */
export function handle(request: IncomingMessage, response: ServerResponse, scale: number): void {
  const path = pathOf(request);
  if (path === null) {
    sendJson(response, 400, { error: 'not a request target; see / for the list' });
    return;
  }
  const [first = '', argument, ...rest] = path.split('/').slice(1);
  // hasOwn: a path such as /constructor must not find the prototype's members.
  const route = Object.hasOwn(ROUTES, first) ? ROUTES[first] : undefined;
  if (!route || rest.length > 0 || (WITHOUT_ARGUMENT.has(first) && argument !== undefined)) {
    notFound(response, path);
    return;
  }
  route(response, argument, scale);
}

/** Any bytes can arrive as a request target; one that is not a URL must not end the server. */
function pathOf(request: IncomingMessage): string | null {
  try {
    return new URL(request.url ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

/**
 * Digits, and for a delay a decimal fraction: Number() alone would also read hex (0x10), exponents
 * (1e3), signs and blanks, so that /delay/0x10 would wait 16 s.
 */
const WHOLE = /^\d{1,12}$/;
const DECIMAL = /^\d{1,12}(\.\d{1,12})?$/;

/** The number an argument spells in plain decimal, or NaN. */
function decimal(argument: string | undefined, form: RegExp): number {
  return argument !== undefined && form.test(argument) ? Number(argument) : Number.NaN;
}

function delay(response: ServerResponse, argument: string | undefined, scale: number): void {
  const seconds = decimal(argument, DECIMAL);
  if (!(seconds >= 0 && seconds <= MAX_DELAY_SECONDS)) {
    sendJson(response, 400, {
      error: `a delay is a decimal number of seconds, 0 to ${MAX_DELAY_SECONDS}`,
    });
    return;
  }
  const delayedMs = seconds * 1000 * scale;
  const timer = setTimeout(() => sendJson(response, 200, { delayedMs }), delayedMs);
  // A client that gives up (a timeout, Ctrl-C) must not leave a timer keeping the process alive.
  response.once('close', () => clearTimeout(timer));
}

function status(response: ServerResponse, argument: string | undefined): void {
  const code = decimal(argument, WHOLE);
  if (!(code >= 200 && code <= 599)) {
    sendJson(response, 400, { error: 'a status is a whole number from 200 to 599' });
    return;
  }
  sendJson(response, code, { status: code });
}

function bytes(response: ServerResponse, argument: string | undefined): void {
  const size = decimal(argument, WHOLE);
  if (!(size >= 0 && size <= MAX_BYTES)) {
    sendJson(response, 400, { error: `a size is a whole number of bytes from 0 to ${MAX_BYTES}` });
    return;
  }
  response.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': size,
  });
  const chunk = Buffer.alloc(Math.min(size, 64 * 1024), 'x');
  let left = size;
  // Written as the client reads, so a client that stops early never makes the server buffer it all.
  const writeMore = (): void => {
    while (left > 0) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!response.write(piece)) {
        response.once('drain', writeMore);
        return;
      }
    }
    response.end();
  };
  writeMore();
}

function notFound(response: ServerResponse, path: string): void {
  sendJson(response, 404, { error: `no endpoint ${path}; see / for the list` });
}

function sendJson(response: ServerResponse, code: number, body: unknown): void {
  if (response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
