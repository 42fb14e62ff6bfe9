import type { Endpoint, ServerCounts } from '../server/server.js';
import { formatCount } from '../engine/format.js';
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
