import { Chalk } from 'chalk';
import type { Invocation } from './program.js';
import type { Clock } from '../engine/clock.js';
import type { Prepared } from '../engine/demo.js';
import { ExitCode } from '../engine/errors.js';
import { renderChart } from '../render/chart.js';
import { renderFailures } from '../render/failures.js';
import { renderJson } from '../render/json.js';
import { liveLog } from '../render/live.js';
import {
  renderComparisonTitle,
  renderDemoHeader,
  renderRunSummary,
  renderVariantHeader,
} from '../render/report.js';
import { renderComparison } from '../render/table.js';
import { Theme } from '../render/theme.js';
import { runVariant, type RunResult, type RunSettings } from '../engine/runner.js';
import { startSpinner } from './spinner.js';
import { colorLevel, outputWidth, type Io } from './terminal.js';

type DemoInvocation = Extract<Invocation, { kind: 'demo' }>;

export interface SessionOptions {
  signal?: AbortSignal;
  clock?: Clock;
}

/** Runs the chosen variants one after the other and writes what they recorded. */
export async function runSession(
  invocation: DemoInvocation,
  io: Io,
  { signal, clock }: SessionOptions,
): Promise<number> {
  const { common } = invocation;
  const settings: RunSettings = { scale: common.scale, seed: common.seed };
  if (signal) settings.signal = signal;
  if (clock) settings.clock = clock;
  let prepared: Prepared<Record<string, unknown>>;
  // Getting ready (a server, a calibration, threads) can take a second: show that it is under way.
  const spinner = invocation.demo.prepare
    ? await startSpinner(
        io.err,
        `${invocation.demo.name}: getting ready…`,
        !common.json && io.out.isTTY === true,
      )
    : { stop: () => {} };
  try {
    prepared = await prepare(invocation, signal);
  } catch (error) {
    // Ctrl-C while a demo gets ready (a file written, threads started) stops it; not a failure.
    if (!signal?.aborted) throw error;
    io.err.write('stopped by Ctrl-C before the first variant\n');
    return ExitCode.interrupted;
  } finally {
    spinner.stop();
  }
  try {
    const preparedInvocation = { ...invocation, options: prepared.options };
    const runs = common.json
      ? await runForJson(preparedInvocation, settings, io)
      : await runForTerminal(preparedInvocation, settings, io, prepared.notes ?? []);
    return runs.some((run) => run.interrupted) ? ExitCode.interrupted : ExitCode.ok;
  } finally {
    await prepared.dispose();
  }
}

async function prepare(
  invocation: DemoInvocation,
  signal = new AbortController().signal,
): Promise<Prepared<Record<string, unknown>>> {
  const { demo, options, common, variants, leftOut } = invocation;
  if (!demo.prepare) return { options, dispose: () => Promise.resolve() };
  return demo.prepare(options, {
    scale: common.scale,
    seed: common.seed,
    signal,
    variants,
    leftOut,
  });
}

async function runForJson(
  invocation: DemoInvocation,
  settings: RunSettings,
  io: Io,
): Promise<RunResult[]> {
  const { demo, variants, options, common } = invocation;
  const runs: RunResult[] = [];
  for (const variant of variants) {
    const run = await runVariant(demo, variant, options, settings);
    runs.push(run);
    if (run.interrupted) break;
  }
  io.out.write(renderJson({ demo: demo.name, scale: common.scale, seed: common.seed, runs }));
  return runs;
}

async function runForTerminal(
  invocation: DemoInvocation,
  settings: RunSettings,
  io: Io,
  notes: readonly string[],
): Promise<RunResult[]> {
  const { demo, variants, options, common } = invocation;
  const theme = new Theme(new Chalk({ level: colorLevel(common.color, io) }));
  const width = outputWidth(io.out);
  const write = (text: string) => io.out.write(text);
  const runs: RunResult[] = [];
  write(renderDemoHeader(demo, common, theme, notes));
  for (const variant of variants) {
    const definition = demo.variants[variant];
    if (!definition) continue;
    if (!common.quiet) {
      const ideal = definition.ideal(options, common.seed);
      const idealMs = ideal === null ? null : ideal * common.scale;
      write(renderVariantHeader(variant, definition.summary, idealMs, theme));
    }
    const spinner = await startSpinner(io.err, `${demo.name} ${variant}…`, io.out.isTTY === true);
    let run: RunResult;
    try {
      run = await runVariant(demo, variant, options, {
        ...settings,
        ...(common.quiet ? {} : { onEvent: liveLog(theme, write) }),
      });
    } finally {
      spinner.stop();
    }
    runs.push(run);
    write(renderRunSummary(run, theme));
    write(renderChart(run, { width, theme }));
    // The live log said why each task failed; without it, the chart's ✗ alone cannot.
    if (common.quiet) write(renderFailures(run, theme, width));
    if (run.interrupted) break;
  }
  if (runs.length > 1) {
    const groupOf = (variant: string) => demo.variants[variant]?.group ?? '';
    write(renderComparisonTitle(theme, new Set(runs.map((run) => groupOf(run.variant))).size > 1));
    write(
      renderComparison(runs, {
        theme,
        groupOf,
        ...(demo.columns ? { columns: demo.columns } : {}),
      }),
    );
  }
  return runs;
}
