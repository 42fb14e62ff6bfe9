import { describe, expect, it } from 'vitest';
import type { JsonDocument } from '../../src/render/json.js';
import { EXIT_CODE, stopAt, type Moment, type Stopped } from './child.js';

/** The command ended by itself, with the signal's code, soon after it, and left nothing behind. */
function expectStopped(outcome: Stopped, signal: keyof typeof EXIT_CODE) {
  expect(outcome.killedBy).toBeNull();
  expect(outcome.code).toBe(EXIT_CODE[signal]);
  expect(outcome.msToExit).toBeLessThan(2000);
  expect(outcome.leftInTmp).toEqual([]);
  expect(outcome.stderr).toBe('');
}

/** The partial chart of the run that was stopped. */
function expectPartialChart(stdout: string) {
  expect(stdout).toMatch(/■ \S+ stopped by Ctrl-C after /);
  expect(stdout).toContain('⊘ cancelled');
}

interface Case {
  what: string;
  args: string[];
  moment: Moment;
  signal: keyof typeof EXIT_CODE;
}

// Synchronous work hears no signal through the event loop: these end within 2 s only because it
// checks, between slices, the stop request a watcher thread writes (before, they took the rest of
// the stretch: 3 s of coffee, 3 s of CPU tasks, a whole file's read, and some exited 0).
const holdingTheThread: Case[] = [
  ...(['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => ({
    what: 'a blocking sleep (breakfast --blocking: coffee holds the thread for 3 s)',
    args: ['breakfast', '--blocking'],
    moment: { stdout: 'start coffee' },
    signal,
  })),
  {
    what: 'a CPU task on the event loop (cpu-vs-io --sequential, three 1 s loops)',
    args: ['cpu-vs-io', '--sequential'],
    moment: { stdout: 'cpu-1  sum of i*i' },
    signal: 'SIGTERM',
  },
  {
    what: 'a blocking read (pitfalls --blocking-read of 256 MiB)',
    args: ['pitfalls', '--blocking-read', '--file-mib', '256'],
    moment: { stdout: 'readFileSync(' },
    signal: 'SIGHUP',
  },
];

describe.concurrent('a signal while synchronous work holds the thread', () => {
  it.each(holdingTheThread)('$signal during $what', async ({ args, moment, signal }) => {
    const outcome = await stopAt(args, moment, signal);
    expectStopped(outcome, signal);
    expectPartialChart(outcome.stdout);
  });

  it('SIGINT during a blocking sleep, --json: the document says interrupted, coffee cancelled', async () => {
    const outcome = await stopAt(
      ['breakfast', '--blocking', '--json'],
      { stderr: '[test] holding the thread' },
      'SIGINT',
    );
    expectStopped(outcome, 'SIGINT');
    const document = JSON.parse(outcome.stdout) as JsonDocument;
    expect(document.interrupted).toBe(true);
    const coffee = document.runs[0]?.tasks.find((task) => task.name === 'coffee');
    expect(coffee?.status).toBe('cancelled');
    expect(coffee?.phases.map((phase) => phase.name)).toEqual(['blocked']);
    // Stopped well before its 3 s were up.
    expect(coffee?.endMs).toBeLessThan(2500);
  });
});

describe.concurrent('a signal mid-variant of an async demo', () => {
  it('SIGHUP while coffee and toast are awaited (breakfast --concurrent)', async () => {
    const outcome = await stopAt(
      ['breakfast', '--concurrent'],
      { stdout: 'start toast' },
      'SIGHUP',
    );
    expectStopped(outcome, 'SIGHUP');
    expectPartialChart(outcome.stdout);
  });

  it('SIGTERM, --json: a valid document that says interrupted', async () => {
    const outcome = await stopAt(
      ['breakfast', '--concurrent', '--json'],
      { stderr: '[test] timer of' },
      'SIGTERM',
    );
    expectStopped(outcome, 'SIGTERM');
    const document = JSON.parse(outcome.stdout) as JsonDocument;
    expect(document.interrupted).toBe(true);
    expect(document.runs[0]?.tasks.map((task) => task.status)).toEqual(['cancelled', 'cancelled']);
  });
});
