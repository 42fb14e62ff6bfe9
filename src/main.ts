import { ExitCode } from './engine/errors.js';
import { readVersion } from './cli/version.js';

// The only place that touches the process: its arguments, streams, signals and exit code.
const argv = process.argv.slice(2);

// Answered before the program (commander, every demo) loads: nothing else is needed for it.
quietOnClosedPipe();
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${readVersion()}\n`);
} else if (!(await listedQuickly())) {
  await run();
}

/** `list` from the table the build made, before the program and every demo load. */
async function listedQuickly(): Promise<boolean> {
  if (argv[0] !== 'list') return false;
  const { writeQuickList } = await import('./cli/quick-list.js');
  const io = { out: process.stdout, err: process.stderr, env: process.env };
  return writeQuickList(argv, io);
}

/** A reader that goes away (`| head`) is not an error worth a stack trace. */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
      throw error;
    });
  }
}

async function run(): Promise<void> {
  // Loaded side by side: each is a file of the bundle, and start-up waits for the slowest only.
  const [{ runPendingCleanups }, { onStopRequest, requestStop, STOP_SIGNALS }, { runApp }] =
    await Promise.all([
      import('./engine/cleanup.js'),
      import('./engine/stop-request.js'),
      import('./cli/app.js'),
    ]);
  // Every way out passes here, process.exit() included: what is still registered is undone.
  process.on('exit', runPendingCleanups);
  const interrupt = new AbortController();
  // Ctrl-C, `kill` and a closed terminal all stop the run the same way: what was measured is
  // printed and everything made ready is taken down; only the exit code tells them apart.
  const exitCodes: Partial<Record<NodeJS.Signals, number>> = {
    SIGINT: ExitCode.interrupted,
    SIGTERM: ExitCode.terminated,
    SIGHUP: ExitCode.hangUp,
  };
  let stoppedWith: number | undefined;
  // Called by the listeners below, or first by synchronous work that saw a signal (through the
  // watcher thread) before the event loop could deliver it.
  const stop = (signal: NodeJS.Signals) => {
    if (stoppedWith !== undefined) return;
    stoppedWith = exitCodes[signal] ?? ExitCode.interrupted;
    requestStop(signal);
    interrupt.abort();
  };
  onStopRequest(stop);
  let received = 0;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      // A second signal while the first is being honoured means: stop now (the exit hook above
      // still cleans up).
      received += 1;
      if (received > 1) process.exit(stoppedWith);
      stop(signal);
    });
  }

  const code = await runApp(
    argv,
    { out: process.stdout, err: process.stderr, env: process.env },
    { signal: interrupt.signal, input: () => process.stdin },
  );
  process.exitCode = code === ExitCode.interrupted && stoppedWith ? stoppedWith : code;
}
