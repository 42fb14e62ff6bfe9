import type { Clock } from './clock.js';
import type { AnyDemo, Prepared } from './demo.js';
import { InterruptedError } from './errors.js';
import type { DemoRunInfo, Reporter } from './reporter.js';
import type { RunResult } from './run-result.js';
import { runTwin } from './twin.js';
import { TWIN_TASK_SUFFIX, twinVariantName } from './twin-names.js';
import { runRepeated } from './repeat.js';
import { scaledIdeal, type RunSettings } from './runner.js';

export interface DemoRun {
  demo: AnyDemo;
  /** Parsed option values. */
  options: unknown;
  /** The variants to run, in order. */
  variants: readonly string[];
  /** Variants a full run left out because of the options (`optInWhen`). */
  leftOut?: readonly string[];
  scale: number;
  seed: number;
  clock?: Clock;
  /** Ctrl-C: stops the run; what was measured so far is reported. */
  signal?: AbortSignal;
  reporters?: readonly Reporter[];
  /** `--asyncio`: the variants whose asyncio twin runs right after them (src/engine/twin.ts). */
  asyncio?: { variants: readonly string[] };
  /** How many times each variant runs, counted (`--runs`, default 1) … */
  runs?: number;
  /** … after how many uncounted warm-up runs (`--warmup`, default 0). */
  warmup?: number;
}

/**
 * A demo's whole life: `prepare`, each variant in turn (`runs` times after `warmup` runs, see
 * runRepeated; every reporter told of each step), then `dispose` on every path. Returns the runs; a Ctrl-C during `prepare` throws an
 * InterruptedError, a Ctrl-C during a variant ends the loop after that variant's partial run.
 */
export async function runDemo(request: DemoRun): Promise<RunResult[]> {
  const { demo, variants, scale, seed, reporters = [] } = request;
  const signal = request.signal ?? new AbortController().signal;
  const info: DemoRunInfo = { demo, options: request.options, variants, scale, seed };
  if (request.asyncio) info.asyncio = request.asyncio.variants;
  const each = async (call: (reporter: Reporter) => void | Promise<void>) => {
    for (const reporter of reporters) await call(reporter);
  };
  const plan = { runs: request.runs ?? 1, warmup: request.warmup ?? 0 };
  const runs: RunResult[] = [];
  let prepared: Prepared<unknown> | undefined;
  try {
    await each((r) => r.onPrepare?.(info));
    prepared = await prepare(request, signal);
    const settings: RunSettings = {
      options: request.options,
      state: prepared.state,
      scale,
      seed,
      signal,
      ...(request.clock ? { clock: request.clock } : {}),
      onEvent: (event) => {
        for (const reporter of reporters) reporter.onEvent?.(event);
      },
    };
    const idealMs = Object.fromEntries(
      variants.map((variant) => [variant, scaledIdeal(demo, variant, settings)]),
    );
    const notes = prepared.notes ?? [];
    const nodeNames = demo.taskNames?.(request.options, prepared.state) ?? [];
    const taskNames = request.asyncio
      ? [...nodeNames, ...nodeNames.map((name) => `${name}${TWIN_TASK_SUFFIX}`)]
      : nodeNames;
    await each((r) => r.onDemoStart?.(info, { notes, idealMs, taskNames }));
    for (const variant of variants) {
      await each((r) => r.onVariantStart?.({ variant, idealMs: idealMs[variant] ?? null }));
      const run = await runRepeated(demo, variant, settings, plan, (start) =>
        each((r) => r.onRepeatStart?.(start)),
      );
      runs.push(run);
      await each((r) => r.onRunEnd?.(run));
      if (run.interrupted) break;
      if (!request.asyncio?.variants.includes(variant)) continue;
      const twinStart = { variant: twinVariantName(variant), idealMs: idealMs[variant] ?? null };
      await each((r) => r.onVariantStart?.(twinStart));
      const twin = await runTwin({ ...settings, demo, variant, idealMs: twinStart.idealMs });
      runs.push(twin);
      await each((r) => r.onRunEnd?.(twin));
      if (twin.interrupted) break;
    }
  } finally {
    const interrupted = signal.aborted;
    try {
      await each((r) => r.onDemoEnd?.({ runs, interrupted, started: prepared !== undefined }));
    } finally {
      await prepared?.dispose?.();
    }
  }
  return runs;
}

async function prepare(request: DemoRun, signal: AbortSignal): Promise<Prepared<unknown>> {
  const { demo, options, scale, seed, variants, leftOut = [] } = request;
  if (!demo.prepare) return { state: undefined };
  try {
    return await demo.prepare(options, { scale, seed, signal, variants, leftOut });
  } catch (error) {
    // Ctrl-C while a demo gets ready (a file written, threads started) stops it; not a failure.
    if (signal.aborted) throw new InterruptedError('stopped by Ctrl-C before the first variant');
    throw error;
  }
}
