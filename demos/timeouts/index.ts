import { defineDemo, type DemoContext } from '../../src/engine/demo.js';
import { errorMessage, isAbortError } from '../../src/engine/errors.js';
import { formatScaled, formatSeconds } from '../../src/engine/format.js';
import { asCompleted } from './as-completed.js';
import { deadline, durations, fail, JOB_NAMES, jobOf, jobsOf } from './options.js';
import type { Job, JobName, Options } from './options.js';
import { isTimeoutError, withTimeout } from './with-timeout.js';

type Context = DemoContext<Options>;

export default defineDemo({
  name: 'timeouts',
  summary: 'racing work against time and against each other',
  lesson: 'race takes the first to settle, any the first success; a timeout races.',
  hint:
    'Three jobs of 1, 2 and 3 s; medium fails. race settles with the first job to end, even a\n' +
    'failure (--fail fast): the chart shows the others running on, unobserved, past the ▲ where\n' +
    'the caller returned. any waits for the first success and rejects, with an AggregateError,\n' +
    'only when every job fails (--fail all). as-completed handles each outcome as it arrives, in\n' +
    'finishing order. timeout gives slow --deadline seconds: its timer is aborted then (⊘) and\n' +
    'the caller gets a TimeoutError. "Caller got" shows what each caller received.',
  inAsyncio: [
    'asyncio.wait_for (or asyncio.timeout) cancels the awaited task with CancelledError; here the timeout is an AbortSignal from the clock, and the job stops only because it listens to it.',
    'asyncio.wait(FIRST_COMPLETED) is Promise.race; as_completed is the as-completed variant; Promise.any has no one-call asyncio twin.',
    'asyncio.run cancels the jobs still running when main returns; Node keeps running until their timers end (race and any show them running on).',
  ],
  examples: [
    'async-demos timeouts --scale 0.1',
    'async-demos timeouts --any --fail all  # an AggregateError',
    'async-demos timeouts --race --fail fast  # the first to settle is a failure',
    'async-demos timeouts --timeout --deadline 4  # slow ends in time',
  ],
  options: { durations, fail, deadline },
  asyncioTwin: { variants: ['race', 'any', 'as-completed', 'timeout'] },
  taskNames: () => JOB_NAMES,
  columns: [{ header: 'Caller got', stat: 'callerGot' }],
  variants: {
    race: {
      summary: 'Promise.race: the first job to settle wins, success or failure',
      ideal: (options) => Math.min(...jobsOf(options).map((job) => job.ms)),
      run: runRace,
    },
    any: {
      summary: 'Promise.any: the first success wins; it rejects only if every job fails',
      ideal: firstSuccessOrLastFailure,
      run: runAny,
    },
    'as-completed': {
      summary: 'every outcome handled the moment it arrives, in finishing order',
      ideal: (options) => Math.max(...jobsOf(options).map((job) => job.ms)),
      run: runAsCompleted,
    },
    timeout: {
      summary: ({ deadline, durations }) =>
        deadline < durations.slow
          ? `slow given ${formatSeconds(deadline)} (--deadline), then cancelled: a TimeoutError`
          : `slow given ${formatSeconds(deadline)} (--deadline), time enough for its ${formatSeconds(durations.slow)}`,
      ideal: (options) => Math.min(options.deadline, options.durations.slow),
      run: runTimeout,
    },
  },
});

async function runRace(ctx: Context): Promise<void> {
  const { promises, settled } = startJobs(ctx, jobsOf(ctx.options));
  try {
    const value = await Promise.race(promises);
    ctx.log(`Promise.race settled: ${settled[0]?.name} won with "${value}"; ${runningOn(settled)}`);
    ctx.stat('callerGot', `value "${value}"`);
  } catch (error) {
    if (isAbortError(error)) throw error;
    const reason = errorMessage(error);
    ctx.log(
      `Promise.race settled: ${settled[0]?.name} won with its error, "${reason}"; ${runningOn(settled)}`,
    );
    ctx.stat('callerGot', `error "${reason}"`);
  }
}

async function runAny(ctx: Context): Promise<void> {
  const { promises, settled } = startJobs(ctx, jobsOf(ctx.options));
  try {
    const value = await Promise.any(promises);
    const failed = settled.filter((job) => !job.ok).map((job) => `${job.name}'s failure`);
    const ignored = failed.length > 0 ? `, ignoring ${failed.join(' and ')}` : '';
    const winner = settled.find((job) => job.ok)?.name;
    ctx.log(`Promise.any settled: ${winner} won with "${value}"${ignored}; ${runningOn(settled)}`);
    ctx.stat('callerGot', `value "${value}"`);
  } catch (error) {
    if (!(error instanceof AggregateError)) throw error;
    const reasons = error.errors.map(errorMessage);
    ctx.log(`Promise.any rejected: every job failed, an AggregateError of ${reasons.join(', ')}`);
    ctx.stat('callerGot', `AggregateError (${reasons.length} errors)`);
  }
}

async function runAsCompleted(ctx: Context): Promise<void> {
  const { promises } = startJobs(ctx, jobsOf(ctx.options));
  let ok = 0;
  for (const [i, next] of asCompleted(promises).entries()) {
    const place = ['1st', '2nd', '3rd'][i] ?? `${i + 1}th`;
    try {
      ctx.log(`${place} to complete: "${await next}"`);
      ok++;
    } catch (error) {
      if (isAbortError(error)) throw error;
      ctx.log(`${place} to complete: failed with "${errorMessage(error)}"`);
    }
  }
  const failed = promises.length - ok;
  ctx.stat('callerGot', `${plural(ok, 'value')}, ${plural(failed, 'error')}`);
}

async function runTimeout(ctx: Context): Promise<void> {
  const slow = jobOf(ctx.options, 'slow');
  ctx.log(`giving slow at most ${formatScaled(ctx.options.deadline, ctx.scale)}`);
  try {
    const value = await withTimeout(ctx, ctx.options.deadline, (signal) => work(ctx, slow, signal));
    ctx.log(`slow ended in time with "${value}"`);
    ctx.stat('callerGot', `value "${value}"`);
  } catch (error) {
    if (isTimeoutError(error)) {
      ctx.log(`${error.message}; slow was cancelled`);
      ctx.stat('callerGot', 'TimeoutError');
    } else if (isAbortError(error)) {
      throw error;
    } else {
      ctx.log(`slow failed in time: "${errorMessage(error)}"`);
      ctx.stat('callerGot', `error "${errorMessage(error)}"`);
    }
  }
}

/** Promise.any hears back at the first success or, when every job fails, at the last failure. */
function firstSuccessOrLastFailure(options: Options): number {
  const jobs = jobsOf(options);
  const succeeding = jobs.filter((job) => !job.fails).map((job) => job.ms);
  return succeeding.length > 0 ? Math.min(...succeeding) : Math.max(...jobs.map((job) => job.ms));
}

interface Settled {
  name: JobName;
  ok: boolean;
}

/**
 * Starts every job at once. `settled` lists them in the order they end: it is filled before the
 * caller's own await resumes, so the caller can name the winner (Promise.race cannot).
 */
function startJobs(ctx: Context, jobs: readonly Job[]) {
  const settled: Settled[] = [];
  const promises = jobs.map((job) => {
    const promise = work(ctx, job);
    promise.then(
      () => settled.push({ name: job.name, ok: true }),
      () => settled.push({ name: job.name, ok: false }),
    );
    return promise;
  });
  return { promises, settled };
}

/** `medium, slow run on`: the jobs not yet settled, which the caller no longer waits for. */
function runningOn(settled: readonly Settled[]): string {
  const names = JOB_NAMES.filter((name) => !settled.some((job) => job.name === name));
  if (names.length === 0) return 'no job is left running';
  return `${names.join(', ')} ${names.length === 1 ? 'runs' : 'run'} on`;
}

/** One job: awaits its timer, then succeeds or fails as the options say; `signal` cancels it. */
function work(ctx: Context, job: Job, signal?: AbortSignal): Promise<string> {
  return ctx.task(job.name, async (task) => {
    task.log(`working for ${formatScaled(job.ms, ctx.scale)}`);
    try {
      await task.sleep(job.ms, signal);
    } catch (error) {
      if (isAbortError(error) && !ctx.signal.aborted) task.log('⊘ cancelled: its deadline passed');
      throw error;
    }
    if (job.fails) {
      task.log('✗ failed');
      throw new Error(`${job.name} failed`);
    }
    task.log('✓ done');
    return `${job.name}: done`;
  });
}

/** `1 value`, `2 errors`. */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
