import { Chalk } from 'chalk';
import type { Invocation } from './cli.js';
import { ExitCode } from './errors.js';
import { renderServeBanner, renderServeSummary } from './render/serve.js';
import { Theme } from './render/theme.js';
import { ENDPOINTS, startServer } from './server.js';
import { colorLevel, type Io } from './terminal.js';

type ServeInvocation = Extract<Invocation, { kind: 'serve' }>;

/**
 * Runs the fetch demo's server in the foreground until `signal` aborts (Ctrl-C). Stopping is how
 * a server ends, not a failure: the exit code is 0.
 */
export async function runServe(
  invocation: ServeInvocation,
  io: Io,
  signal?: AbortSignal,
): Promise<number> {
  const { port, host, scale, color } = invocation;
  const theme = new Theme(new Chalk({ level: colorLevel(color, io) }));
  const server = await startServer({ port, host, scale });
  try {
    io.out.write(renderServeBanner(server.url, scale, ENDPOINTS, theme));
    await untilStopped(signal, server.server);
  } finally {
    await server.close();
  }
  io.out.write(renderServeSummary(server.counts(), theme));
  return ExitCode.ok;
}

function untilStopped(
  signal: AbortSignal | undefined,
  server: { once(event: 'close', listener: () => void): unknown },
) {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    signal?.addEventListener('abort', () => resolve(), { once: true });
    server.once('close', resolve);
  });
}
