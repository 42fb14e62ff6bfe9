import { defineOption, InvalidValueError } from '../../src/engine/demo.js';
import { parseInteger, parseSeconds } from '../../src/engine/options.js';
import type { Target } from './request.js';

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;
const MAX_URLS = 100;
const MAX_COUNT = 100_000;

const urls = defineOption<readonly Target[]>({
  flags: '--url <url>',
  description: 'request this URL instead of the local server, repeatable',
  default: [],
  defaultLabel: 'the four requests to a local server',
  parse: (raw, previous) => {
    if (previous.length >= MAX_URLS) throw new InvalidValueError(`at most ${MAX_URLS} URLs`);
    return [...previous, parseTarget(raw)];
  },
});

const limit = defineOption<number | null>({
  flags: '--limit <n>',
  description: 'at most n requests in flight at once (concurrent)',
  default: null,
  defaultLabel: 'none; 256 for a run of over 20 requests',
  parse: (raw) => parseInteger(raw, 1, 100_000, 'a limit'),
});

const timeout = defineOption<number>({
  flags: '--timeout <seconds>',
  description: 'give up on a request after this long (a --scale above 1 stretches it)',
  default: DEFAULT_TIMEOUT_MS,
  defaultLabel: '5',
  parse: (raw) => {
    const ms = parseSeconds(raw, 3600, 'a timeout');
    if (ms === 0) throw new InvalidValueError('a timeout is a number of seconds above 0');
    return ms;
  },
});

const count = defineOption<number | null>({
  flags: '--count <n>',
  description: 'make n requests, cycling through the URLs (local server: n requests of 1 s)',
  default: null,
  defaultLabel: 'one per URL',
  parse: (raw) => parseInteger(raw, 1, MAX_COUNT, 'a count'),
});

const maxBytes = defineOption<number>({
  flags: '--max-bytes <n>',
  description: 'a body longer than this is an error; reading stops there',
  default: DEFAULT_MAX_BYTES,
  defaultLabel: '1048576, 1 MiB',
  parse: (raw) => parseInteger(raw, 1, 1024 ** 3, 'a body cap'),
});

export const fetchOptions = { urls, limit, timeout, count, maxBytes };

export interface FetchOptions {
  urls: readonly Target[];
  limit: number | null;
  timeout: number;
  count: number | null;
  maxBytes: number;
}

export function parseTarget(raw: string): Target {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidValueError(
      'a URL starts with http:// or https://, such as http://127.0.0.1:8080/json',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidValueError(`a URL is http:// or https://, not ${url.protocol}//`);
  }
  const name = `${url.host}${url.pathname}`;
  // The name is a label: the chart and log cut it further; a 100 KB path must not travel whole.
  const shortName = name.length > 80 ? `${name.slice(0, 39)}…${name.slice(-40)}` : name;
  return { url, name: shortName, delayMs: null };
}
