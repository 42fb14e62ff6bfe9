import type { Server } from 'node:http';
import { onAbort } from '../engine/abort.js';
import type { ServeInvocation } from './invocation.js';
import { ExitCode } from '../engine/errors.js';
import { renderRequestLine, renderServeBanner, renderServeSummary } from '../render/serve.js';
import { createTheme } from '../render/theme.js';
import { ENDPOINTS, startServer, type RequestLogEntry } from '../server/server.js';
import { colorLevel, outputWidth, type Io } from './terminal.js';

/**
 * Runs the fetch demo's server in the foreground until `signal` aborts (Ctrl-C). Stopping is how
 * a server ends, not a failure: the exit code is 0.
 */
export async function runServe(
  invocation: ServeInvocation,
  io: Io,
  signal?: AbortSignal,
): Promise<number> {
  const { port, host, scale, color, quiet } = invocation;
  const theme = createTheme(colorLevel(color, io));
  const width = outputWidth(io.out);
  const onRequest = quiet
    ? undefined
    : (entry: RequestLogEntry) => io.out.write(renderRequestLine(entry, theme, width));
  const server = await startServer({ port, host, scale, onRequest });
  try {
    if (listensEverywhere(host)) {
      io.err.write(
        theme.chalk.yellow(
          `warning: listening on every interface (${host}): other machines can reach it\n`,
        ),
      );
    }
    io.out.write(renderServeBanner(connectableUrl(server.url), scale, ENDPOINTS, theme));
    await untilStopped(signal, server.server);
  } finally {
    await server.close();
  }
  io.out.write(renderServeSummary(server.counts(), theme));
  return ExitCode.ok;
}

/** Resolves on Ctrl-C, or when the server closes on its own; leaves no listener behind. */
function untilStopped(signal: AbortSignal | undefined, server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const stopWatching = signal ? onAbort(signal, stop) : () => {};
    server.once('close', stop);
    function stop() {
      stopWatching();
      server.off('close', stop);
      resolve();
    }
  });
}

export function listensEverywhere(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** 0.0.0.0 and :: are where a server listens, not addresses to connect to: loopback is. */
export function connectableUrl(url: string): string {
  return url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
}
