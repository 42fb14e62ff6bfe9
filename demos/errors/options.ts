import { defineOption, InvalidValueError, type Prepared } from '../../src/engine/demo.js';
import { UsageError } from '../../src/engine/errors.js';
import { parseNumberIn, parseSeconds } from '../../src/engine/options.js';
import { createRandom, type Random } from '../../src/engine/random.js';

export interface Options {
  /** null when not given: the default rate, unless --fail chooses the failures instead. */
  failureRate: number | null;
  durations: readonly number[];
  /** The failing tasks named by --fail; null to draw them with the seed. */
  fail: readonly string[] | null;
}

/** What every variant meets: the tasks that fail, decided once by `prepare`. */
export interface Failures {
  failing: readonly string[];
}

export const DEFAULT_FAILURE_RATE = 0.3;
const MAX_TASKS = 12;
const MAX_TASK_SECONDS = 3600;
const HELP = "see 'async-demos errors --help'";

export const failureRate = defineOption<number | null>({
  flags: '--failure-rate <p>',
  description: 'the chance that a task fails, drawn with the seed (0 to 1)',
  default: null,
  defaultLabel: String(DEFAULT_FAILURE_RATE),
  parse: parseFailureRate,
});

export const durations = defineOption<readonly number[]>({
  flags: '--durations <seconds,...>',
  description: 'how long each task works, one number per task (1,2,3 staggers them)',
  default: [1000, 1000, 1000],
  defaultLabel: '1,1,1',
  parse: parseDurations,
});

export const fail = defineOption<readonly string[] | null>({
  flags: '--fail <tasks>',
  description: "the tasks that fail, such as Task2,Task3 or 'none', instead of drawing them",
  default: null,
  defaultLabel: 'drawn with the seed',
  parse: parseFailList,
});

export function taskName(index: number): string {
  return `Task${index + 1}`;
}

/** Decides the failures once, before any variant, so that every variant meets the same ones. */
export function prepareFailures(options: Options, seed: number): Prepared<Failures> {
  if (options.fail !== null) {
    if (options.failureRate !== null) {
      throw new UsageError(
        '--fail and --failure-rate do not go together: --fail names the failing tasks, the rate draws them',
        HELP,
      );
    }
    checkFailList(options.fail, options.durations.length);
    return { state: { failing: options.fail } };
  }
  const rate = options.failureRate ?? DEFAULT_FAILURE_RATE;
  const drawn = drawFailures(createRandom(seed), rate, options.durations.length);
  const note = `failing: ${drawn.join(', ') || 'none'} (drawn with rate ${rate})`;
  return { state: { failing: drawn }, notes: [note] };
}

/** The default seed draws Task1 failing and Task2, Task3 succeeding (checked by a test). */
export function drawFailures(random: Random, rate: number, count: number): string[] {
  const draws = random.fork('errors');
  return Array.from({ length: count }, (_, i) => (draws.chance(rate) ? taskName(i) : null)).filter(
    (name) => name !== null,
  );
}

export function parseFailureRate(raw: string): number {
  return parseNumberIn(raw, 0, 1, 'a failure rate');
}

export function parseDurations(raw: string): readonly number[] {
  const parts = raw.split(',');
  if (parts.length > MAX_TASKS) {
    throw new InvalidValueError(`durations name at most ${MAX_TASKS} tasks, such as 1,2,3`);
  }
  return parts.map((part, i) =>
    parseSeconds(part.trim(), MAX_TASK_SECONDS, `the duration of ${taskName(i)}`),
  );
}

export function parseFailList(raw: string): readonly string[] {
  if (raw.trim() === 'none') return [];
  const names = raw.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!/^Task[1-9]\d*$/.test(name)) {
      throw new InvalidValueError(`--fail takes task names such as Task1,Task3, or 'none'`);
    }
  }
  return names;
}

function checkFailList(names: readonly string[], count: number): void {
  const unknown = names.find((name) => Number(name.slice('Task'.length)) > count);
  if (unknown)
    throw new UsageError(`--fail names ${unknown}, but there are only ${count} tasks`, HELP);
}
