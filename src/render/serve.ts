import type { Endpoint, RequestLogEntry, ServerCounts } from '../server/server.js';
import { escapeControl, formatCount, formatDuration } from '../engine/format.js';
import { padEnd, truncate, visibleWidth } from './text.js';
import type { Theme } from './theme.js';

/** What `serve` prints once it listens: where, each endpoint with a curl line, how to stop. */
export function renderServeBanner(
  url: string,
  scale: number,
  endpoints: readonly Endpoint[],
  theme: Theme,
): string {
  const { chalk } = theme;
  const width = Math.max(...endpoints.map((endpoint) => endpoint.path.length));
  const lines = [
    `${chalk.bold('async-demos server')} listening on ${chalk.cyan(url)}` +
      chalk.dim(` · scale ${scale}`),
    '',
    ...endpoints.flatMap((endpoint) => [
      `  ${endpoint.path.padEnd(width)}  ${endpoint.description}`,
      `  ${' '.repeat(width)}  ${chalk.dim(`curl ${url}${endpoint.example}`)}`,
    ]),
    '',
    `Try: async-demos fetch --url ${url}/delay/1 --url ${url}/json`,
    chalk.dim('Press Ctrl-C to stop.'),
  ];
  return lines.map((line) => `${line}\n`).join('');
}

export function renderServeSummary(counts: ServerCounts, theme: Theme): string {
  const { requests, peakInFlight } = counts;
  const noun = requests === 1 ? 'request' : 'requests';
  return theme.chalk.dim(
    `\nserver closed after ${formatCount(requests)} ${noun} (at most ${formatCount(peakInFlight)} at once)\n`,
  );
}

/** The path column is padded to this many columns, so that short paths line up. */
const PATH_COLUMN = 20;

/**
 * One line per request, as `serve` logs them: arrival time, method, path (escaped, cut in the
 * middle to fit `width`), status, how long it took and how many requests were in flight when it
 * arrived.
 */
export function renderRequestLine(entry: RequestLogEntry, theme: Theme, width: number): string {
  const { chalk } = theme;
  const time = formatClock(entry.arrivedAt);
  const method = truncate(escapeControl(entry.method), 7).padEnd(6);
  const status = entry.completed ? colorStatus(entry.status, theme) : chalk.yellow('---');
  const duration = formatDuration(entry.durationMs).padStart(9);
  const inFlight = chalk.dim(`${formatCount(entry.inFlight)} in flight`);
  const left = entry.completed ? '' : chalk.yellow(' client left');
  // Everything but the path: the separators and a three-digit status.
  const fixed = visibleWidth(`${time}  ${method}    000 ${duration}  ${inFlight}${left}`);
  const room = Math.max(8, width - fixed);
  const path = padEnd(
    truncate(escapeControl(entry.path), room, 'middle'),
    Math.min(PATH_COLUMN, room),
  );
  return `${chalk.dim(time)}  ${method}  ${path}  ${status} ${duration}  ${inFlight}${left}\n`;
}

function colorStatus(status: number, theme: Theme): string {
  const { chalk } = theme;
  const text = String(status);
  if (status >= 500) return chalk.red(text);
  if (status >= 400) return chalk.yellow(text);
  return chalk.green(text);
}

/** Local wall-clock time to the millisecond: 09:05:03.007. */
function formatClock(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const millis = String(date.getMilliseconds()).padStart(3, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${millis}`;
}
