import { spawn } from 'node:child_process';
import { watch, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The built command (npm test builds it), as a user runs it.
const bin = fileURLToPath(new URL('../../bin/async-demos.js', import.meta.url));

/**
 * Loaded into the child before the command (`--import`): it announces on stderr, in lines that
 * start with `[test]`, the moments that print nothing of their own. A server that starts
 * listening (the fetch demo's, in its prepare), a wait of more than 100 ms on `Atomics.wait`
 * (the thread held by a blocking sleep, which is how `ctx.block` holds it) and a timer of more
 * than 500 ms (a task awaiting a long sleep).
 */
const ANNOUNCE = `
import { writeSync } from 'node:fs';
import net from 'node:net';
const say = (line) => writeSync(2, '[test] ' + line + '\\n');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once('listening', () => say('listening on ' + this.address().port));
  return listen.apply(this, args);
};
const wait = Atomics.wait;
Atomics.wait = (array, index, value, timeout) => {
  if (timeout > 100) say('holding the thread');
  return wait(array, index, value, timeout);
};
const setTimer = globalThis.setTimeout;
globalThis.setTimeout = (callback, ms, ...rest) => {
  if (ms > 500) say('timer of ' + Math.round(ms) + ' ms');
  return setTimer(callback, ms, ...rest);
};
`;

/** When to send the signal: once a text is printed, or once the child makes a temporary folder. */
export type Moment = { stdout: string } | { stderr: string } | { temporaryFolder: true };

export interface Stopped {
  code: number | null;
  /** The signal that ended the child when it did not exit by itself. */
  killedBy: NodeJS.Signals | null;
  stdout: string;
  /** What the command wrote to stderr, without the `[test]` announcements. */
  stderr: string;
  /** Milliseconds from the (first) signal to the child's end, its streams closed. */
  msToExit: number;
  /** What the child left in its own temporary folder (TMPDIR). */
  leftInTmp: string[];
  /** The ports its servers listened on, as announced. */
  ports: number[];
}

export interface StopOptions {
  /** A second signal this many milliseconds after the first (a second Ctrl-C). */
  againAfterMs?: number;
}

/**
 * Runs the built command with its own TMPDIR (parallel tests never see each other's folders),
 * sends `signal` at `moment` and resolves once the child has ended. A child that never reaches
 * the moment, or never ends, is killed after a while, so that no process outlives the test.
 */
export function stopAt(
  args: readonly string[],
  moment: Moment,
  signal: NodeJS.Signals,
  options: StopOptions = {},
): Promise<Stopped> {
  const tmp = mkdtempSync(join(tmpdir(), 'signals-'));
  const importHook = `--import=data:text/javascript,${encodeURIComponent(ANNOUNCE)}`;
  const child = spawn(process.execPath, [importHook, bin, ...args], {
    env: { ...withoutColour(process.env), TMPDIR: tmp },
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  let stdout = '';
  let stderr = '';
  let sentAt: number | undefined;
  const send = () => {
    if (sentAt !== undefined) return;
    sentAt = performance.now();
    child.kill(signal);
    if (options.againAfterMs !== undefined) {
      setTimeout(() => child.kill(signal), options.againAfterMs);
    }
  };
  const watcher = 'temporaryFolder' in moment ? watch(tmp, send) : undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if ('stdout' in moment && stdout.includes(moment.stdout)) send();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if ('stderr' in moment && stderr.includes(moment.stderr)) send();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, killedBy) => {
      const endedAt = performance.now();
      clearTimeout(killer);
      watcher?.close();
      const leftInTmp = readdirSync(tmp);
      rmSync(tmp, { recursive: true, force: true });
      const lines = stderr.split(/(?<=\n)/);
      resolve({
        code,
        killedBy,
        stdout,
        stderr: lines.filter((line) => !line.startsWith('[test] ')).join(''),
        msToExit: sentAt === undefined ? Number.NaN : endedAt - sentAt,
        leftInTmp,
        ports: lines
          .flatMap((line) => /^\[test\] listening on (\d+)/.exec(line)?.[1] ?? [])
          .map(Number),
      });
    });
  });
}

function withoutColour(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const unset = new Set(['FORCE_COLOR', 'NO_COLOR', 'CI', 'ASYNC_DEMOS_DEBUG']);
  return Object.fromEntries(Object.entries(env).filter(([name]) => !unset.has(name)));
}

/** True when something listens on the port (on 127.0.0.1). */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The exit code that each stop signal ends the command with. */
export const EXIT_CODE = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
