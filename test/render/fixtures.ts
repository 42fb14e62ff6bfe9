import { Chalk } from 'chalk';
import type { Phase, PhaseName, TaskSpan, TaskStatus } from '../../src/engine/recorder.js';
import { Theme } from '../../src/render/theme.js';
import type { RunResult } from '../../src/engine/runner.js';

/** Renderers are tested without colour unless a test is about colour. */
export const plain = () => new Theme(new Chalk({ level: 0 }));
export const colored = () => new Theme(new Chalk({ level: 1 }));

export function task(
  name: string,
  phases: [PhaseName, number, number | null][],
  status: TaskStatus | null = 'ok',
  outcome: { result?: TaskSpan['result']; error?: string } = {},
): TaskSpan {
  const spans: Phase[] = phases.map(([phase, startMs, endMs]) => ({ name: phase, startMs, endMs }));
  return {
    name,
    startMs: spans[0]?.startMs ?? 0,
    endMs: status === null ? null : (spans.at(-1)?.endMs ?? null),
    status,
    result: outcome.result ?? null,
    error: outcome.error ?? null,
    phases: spans,
  };
}

export function run(parts: Partial<RunResult> & Pick<RunResult, 'variant'>): RunResult {
  return {
    elapsedMs: 0,
    idealMs: null,
    interrupted: false,
    tasks: [],
    logs: [],
    counters: {},
    stats: {},
    ...parts,
  };
}

/** breakfast --concurrent as it should be recorded: toast ready at 2 s, coffee at 3 s. */
export const concurrent = (): RunResult =>
  run({
    variant: 'concurrent',
    elapsedMs: 3001.26,
    idealMs: 3000,
    tasks: [
      task('coffee', [['running', 0.04, 3001.04]], 'ok', { result: 'Hot coffee' }),
      task('toast', [['running', 0.09, 2000.5]], 'ok', { result: 'Crispy toast' }),
    ],
    logs: [
      { atMs: 0.04, task: 'coffee', message: 'start coffee (3 s)' },
      { atMs: 0.09, task: 'toast', message: 'start toast (2 s)' },
      { atMs: 2000.5, task: 'toast', message: 'toast ready: Crispy toast' },
      { atMs: 3001.04, task: 'coffee', message: 'coffee ready: Hot coffee' },
      { atMs: 3001.2, task: null, message: 'breakfast is ready: Hot coffee, Crispy toast' },
    ],
  });

export const sequential = (): RunResult =>
  run({
    variant: 'sequential',
    elapsedMs: 5002,
    idealMs: 5000,
    tasks: [
      task('coffee', [['running', 0, 3001]], 'ok', { result: 'Hot coffee' }),
      task('toast', [['running', 3001, 5002]], 'ok', { result: 'Crispy toast' }),
    ],
  });

export const blocking = (): RunResult =>
  run({
    variant: 'blocking',
    elapsedMs: 5000.4,
    idealMs: 5000,
    tasks: [
      task('coffee', [['blocked', 0, 3000]], 'ok', { result: 'Hot coffee' }),
      task('toast', [['blocked', 3000, 5000]], 'ok', { result: 'Crispy toast' }),
    ],
  });
