import { runApp } from './cli/app.js';
import { ExitCode } from './engine/errors.js';

// The only place that touches the process: its arguments, streams, signals and exit code.
const interrupt = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  // A second Ctrl-C while the first is being honoured means: stop now.
  if (interrupted) process.exit(ExitCode.interrupted);
  interrupted = true;
  interrupt.abort();
});

// A reader that goes away (`| head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
    throw error;
  });
}

process.exitCode = await runApp(
  process.argv.slice(2),
  { out: process.stdout, err: process.stderr, env: process.env },
  { signal: interrupt.signal },
);
