import type { Clock } from '../engine/clock.js';
import { defaultOptions, type AnyDemo } from '../engine/demo.js';
import { errorMessage, ExitCode, InterruptedError, UsageError } from '../engine/errors.js';
import { escapeControl } from '../engine/format.js';
import { runDemo } from '../engine/lifecycle.js';
import type { Reporter } from '../engine/reporter.js';
import type { RunResult } from '../engine/run-result.js';
import { createTheme, type Theme } from '../render/theme.js';
import { renderTourHtmlPage } from '../render/tour-html.js';
import { renderTourJson } from '../render/tour-json.js';
import {
  renderSummaryNote,
  renderTourSummary,
  summarizeDemo,
  type DemoSummary,
  type TourDemoResult,
} from '../render/tour-summary.js';
import {
  renderPausePrompt,
  renderSummaryTitle,
  renderTourBanner,
  renderTourIntro,
  type TourEnd,
} from '../render/tour-text.js';
import { renderTourTrace } from '../render/tour-trace.js';
import type { TourInvocation } from './invocation.js';
import { checkOutputFile, writeOutputFile } from './output-file.js';
import { waitForEnter, type InputStream } from './pause.js';
import { compactReporters, progressReporter } from './reporters/tour.js';
import { colorLevel, outputWidth, type Io } from './terminal.js';
import { chooseVariants } from './variants.js';

export interface TourSessionOptions {
  /** Ctrl-C: the demo under way stops, the summary so far is printed. */
  signal?: AbortSignal;
  clock?: Clock;
  /** Where --pause reads Enter; asked for only when pausing can happen. */
  input?: () => InputStream;
}

interface TourContext {
  invocation: TourInvocation;
  io: Io;
  theme: Theme;
  width: number;
  signal: AbortSignal;
  clock?: Clock;
}

/**
 * Runs the chosen demos one after the other, each compact (reporters/tour.ts), then the summary.
 * Returns 130 after Ctrl-C, 1 when a demo failed (the others still ran), else 0.
 */
export async function runTour(
  invocation: TourInvocation,
  io: Io,
  options: TourSessionOptions = {},
): Promise<number> {
  const { common } = invocation;
  if (common.code && (common.json || common.quiet)) {
    throw new UsageError(`--code cannot be combined with --${common.json ? 'json' : 'quiet'}`);
  }
  if (common.trace !== undefined) await checkOutputFile(common.trace, 'the trace');
  if (common.html !== undefined) await checkOutputFile(common.html, 'the HTML report');
  const signal = options.signal ?? new AbortController().signal;
  const context: TourContext = {
    invocation,
    io,
    theme: createTheme(colorLevel(common.color, io)),
    width: outputWidth(io.out),
    signal,
    ...(options.clock ? { clock: options.clock } : {}),
  };
  const startedAt = performance.now();
  const results = await runEach(context, pauseInput(invocation, io, options));
  const ending: TourEnding = {
    results,
    summary: results.map(summarizeDemo),
    interrupted: signal.aborted,
    elapsedMs: performance.now() - startedAt,
  };
  writeSummary(context, ending);
  await writeFiles(context, ending);
  if (ending.interrupted) return ExitCode.interrupted;
  return results.some((result) => result.status === 'failed') ? ExitCode.failure : ExitCode.ok;
}

interface TourEnding {
  results: TourDemoResult[];
  summary: DemoSummary[];
  interrupted: boolean;
  elapsedMs: number;
}

/** Where to wait for Enter: only with --pause, when both stdin and stdout are terminals. */
function pauseInput(
  { pause }: TourInvocation,
  io: Io,
  { input }: TourSessionOptions,
): InputStream | undefined {
  const stdin = pause && io.out.isTTY === true ? input?.() : undefined;
  return stdin?.isTTY === true ? stdin : undefined;
}

/** Each demo in turn, until the last or Ctrl-C. */
async function runEach(context: TourContext, pauseOn: InputStream | undefined) {
  const { invocation, io, theme, width, signal } = context;
  const { demos, common } = invocation;
  const results: TourDemoResult[] = [];
  if (!common.json && !common.quiet) {
    const { scale, seed } = common;
    io.out.write(renderTourIntro({ count: demos.length, scale, seed }, theme, width));
  }
  for (const [index, demo] of demos.entries()) {
    if (pauseOn && index > 0 && !(await pause(pauseOn, demo, index, context))) break;
    results.push(await runOne(demo, index, context));
    if (signal.aborted) break;
  }
  return results;
}

/** The JSON document, or the summary's title, table and note. */
function writeSummary({ invocation, io, theme, width }: TourContext, ending: TourEnding): void {
  const { scale, seed, json } = invocation.common;
  const { results, interrupted } = ending;
  if (json) {
    io.out.write(renderTourJson({ scale, seed, ...ending }));
    return;
  }
  const stoppedIn = results.at(-1)?.status === 'stopped';
  const stop: TourEnd['stop'] = interrupted ? (stoppedIn ? 'in' : 'after') : undefined;
  const count = invocation.demos.length;
  const end = { done: results.length, count, elapsedMs: ending.elapsedMs };
  io.out.write(renderSummaryTitle({ ...end, ...(stop ? { stop } : {}) }, theme, width));
  io.out.write(renderTourSummary(ending.summary, { theme, width }));
  io.out.write(renderSummaryNote(theme, width));
}

/** --trace and --html: one file each for the whole tour, also after Ctrl-C. */
async function writeFiles({ invocation }: TourContext, ending: TourEnding): Promise<void> {
  const { scale, seed, trace, html } = invocation.common;
  const { results } = ending;
  if (trace !== undefined) {
    await writeOutputFile(trace, 'the trace', renderTourTrace({ scale, seed, results }));
  }
  if (html !== undefined) {
    const page = renderTourHtmlPage({ scale, seed, ...ending });
    await writeOutputFile(html, 'the HTML report', page);
  }
}

/** The prompt before the next demo; false when Ctrl-C came instead of Enter. */
async function pause(input: InputStream, next: AnyDemo, index: number, context: TourContext) {
  const { io, theme, invocation, signal } = context;
  io.out.write(`\n${renderPausePrompt(next.name, index, invocation.demos.length, theme)}`);
  const entered = await waitForEnter(input, signal);
  // The terminal echoed Enter: clear the prompt's line, and go up to the blank line before it,
  // so that the next banner stands where it would without a pause.
  if (entered) io.out.write('\x1b[1A\r\x1b[2K\x1b[1A');
  else io.out.write('\n');
  return entered;
}

/** One demo with every variant and its default options; a failure is reported, not thrown. */
async function runOne(demo: AnyDemo, index: number, context: TourContext): Promise<TourDemoResult> {
  const { invocation, signal } = context;
  const { common } = invocation;
  const options = defaultOptions(demo.options);
  const { variants, leftOut } = chooseVariants(demo, [], options);
  await writeDemoIntro(demo, variants, index, context);
  const runs: RunResult[] = [];
  const collect: Reporter = { onRunEnd: (run) => void runs.push(run) };
  try {
    await runDemo({
      demo,
      options,
      variants,
      leftOut,
      scale: common.scale,
      seed: common.seed,
      reporters: [collect, ...outputReporters(demo, index, context)],
      signal,
      ...(context.clock ? { clock: context.clock } : {}),
    });
    return { demo, runs, status: signal.aborted ? 'stopped' : 'ran' };
  } catch (error) {
    return { demo, runs, ...howItEnded(demo, error, context) };
  }
}

/** The banner before a demo, and its code under --code. */
async function writeDemoIntro(
  demo: AnyDemo,
  variants: readonly string[],
  index: number,
  { invocation, io, theme, width }: TourContext,
): Promise<void> {
  const { common, demos } = invocation;
  if (common.json || common.quiet) return;
  io.out.write(renderTourBanner(index, demos.length, demo.name, theme, width));
  if (common.code) {
    const { renderCode } = await import('./code.js');
    io.out.write(await renderCode(demo, variants, io, colorLevel(common.color, io) > 0));
  }
}

/** Stopped by Ctrl-C (also while it got ready), or failed: one line on stderr says how. */
function howItEnded(
  demo: AnyDemo,
  error: unknown,
  { io, signal }: TourContext,
): Pick<TourDemoResult, 'status' | 'error'> {
  if (error instanceof InterruptedError) {
    io.err.write(`${demo.name}: ${error.message}\n`);
    return { status: 'stopped' };
  }
  if (signal.aborted) return { status: 'stopped' };
  const message = errorMessage(error);
  io.err.write(`async-demos: ${demo.name}: ${escapeControl(message)}\n`);
  return { status: 'failed', error: message };
}

/** What shows while a demo runs: its output, or under --quiet a spinner (on a terminal). */
function outputReporters(demo: AnyDemo, index: number, context: TourContext): Reporter[] {
  const { invocation, io, theme, width } = context;
  const { common, demos } = invocation;
  if (common.json) return [];
  if (common.quiet)
    return [progressReporter(io, `${demo.name} (${index + 1} of ${demos.length})…`)];
  return compactReporters({ io, theme, width });
}
