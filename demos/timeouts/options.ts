import { defineOption, InvalidValueError } from '../../src/engine/demo.js';
import { parseSeconds } from '../../src/engine/options.js';

/** The three jobs, in the order they are started. */
export const JOB_NAMES = ['fast', 'medium', 'slow'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface Options {
  /** How long each job works, in milliseconds. */
  durations: Readonly<Record<JobName, number>>;
  /** The jobs that fail at the end of their work. */
  fail: readonly JobName[];
  /** How long the timeout variant gives the slow job, in milliseconds. */
  deadline: number;
}

/** One job as the options make it: how long it works and whether it fails then. */
export interface Job {
  name: JobName;
  ms: number;
  fails: boolean;
}

const MAX_SECONDS = 3600;

export const durations = defineOption<Options['durations']>({
  flags: '--durations <fast,medium,slow>',
  description: 'how long each job works, in seconds',
  default: { fast: 1000, medium: 2000, slow: 3000 },
  defaultLabel: '1,2,3',
  parse: parseDurations,
});

export const fail = defineOption<Options['fail']>({
  flags: '--fail <jobs>',
  description: "the jobs that fail, such as fast,slow, or 'all' or 'none'",
  default: ['medium'],
  defaultLabel: 'medium',
  parse: parseFailList,
});

export const deadline = defineOption<number>({
  flags: '--deadline <seconds>',
  description: 'how long the timeout variant gives the slow job',
  default: 1500,
  defaultLabel: '1.5',
  parse: (raw) => parseSeconds(raw, MAX_SECONDS, 'a deadline'),
});

export function parseDurations(raw: string): Options['durations'] {
  const parts = raw.split(',');
  if (parts.length !== JOB_NAMES.length) {
    throw new InvalidValueError('--durations takes three numbers of seconds, such as 1,2,3');
  }
  const [fast, medium, slow] = JOB_NAMES.map((name, i) =>
    parseSeconds((parts[i] ?? '').trim(), MAX_SECONDS, `the duration of ${name}`),
  );
  return { fast: fast ?? 0, medium: medium ?? 0, slow: slow ?? 0 };
}

export function parseFailList(raw: string): readonly JobName[] {
  const text = raw.trim();
  if (text === 'none') return [];
  if (text === 'all') return JOB_NAMES;
  const names = text.split(',').map((name) => name.trim());
  if (!names.every(isJobName)) {
    throw new InvalidValueError(
      "--fail takes fast, medium or slow (such as fast,slow), 'all' or 'none'",
    );
  }
  return JOB_NAMES.filter((name) => names.includes(name));
}

function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}

export function jobOf({ durations, fail }: Options, name: JobName): Job {
  return { name, ms: durations[name], fails: fail.includes(name) };
}

/** The jobs of a run, in the order they are started. */
export function jobsOf(options: Options): Job[] {
  return JOB_NAMES.map((name) => jobOf(options, name));
}
