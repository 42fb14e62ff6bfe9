import type { Clock } from '../engine/clock.js';
import { defaultOptions, variantSummary, type AnyDemo } from '../engine/demo.js';
import { errorMessage, ExitCode, InterruptedError, UsageError } from '../engine/errors.js';
import { escapeControl } from '../engine/format.js';
import { runDemo } from '../engine/lifecycle.js';
import type { Reporter } from '../engine/reporter.js';
import type { RunResult } from '../engine/run-result.js';
import { renderVariantHeader } from '../render/report.js';
import { createTheme, type Theme } from '../render/theme.js';
import { renderTourHtmlPage } from '../render/tour-html.js';
import { renderTourJson } from '../render/tour-json.js';
import {
  renderSummaryNote,
  renderTourSummary,
  summarizeDemo,
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
import { terminalReporter } from './reporters/terminal.js';
import { startSpinner } from './spinner.js';
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
 * Runs the chosen demos one after the other, each compact (no live log: the charts keep the
 * order of events, and the log would more than double the tour's length), then the summary.
 * Returns 130 after Ctrl-C, 1 when a demo failed (the others still ran), else 0.
 */
export async function runTour(
  invocation: TourInvocation,
  io: Io,
  options: TourSessionOptions = {},
): Promise<number> {
  const { demos, common } = invocation;
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
  const text = !common.json && !common.quiet;
  const write = (chunk: string) => io.out.write(chunk);
  const input = invocation.pause && io.out.isTTY === true ? options.input?.() : undefined;
  const pauseOn = input?.isTTY === true ? input : undefined;
  const { scale, seed } = common;
  const startedAt = performance.now();
  const results: TourDemoResult[] = [];

  if (text)
    write(renderTourIntro({ count: demos.length, scale, seed }, context.theme, context.width));
  for (const [index, demo] of demos.entries()) {
    if (pauseOn && index > 0 && !(await pause(pauseOn, demo, index, context))) break;
    results.push(await runOne(demo, index, context));
    if (signal.aborted) break;
  }

  const interrupted = signal.aborted;
  const summary = results.map(summarizeDemo);
  const elapsedMs = performance.now() - startedAt;
  if (common.json) {
    write(renderTourJson({ scale, seed, interrupted, elapsedMs, results, summary }));
  } else {
    const stoppedIn = results.at(-1)?.status === 'stopped';
    const stop: TourEnd['stop'] = interrupted ? (stoppedIn ? 'in' : 'after') : undefined;
    const end = { done: results.length, count: demos.length, elapsedMs, ...(stop ? { stop } : {}) };
    write(renderSummaryTitle(end, context.theme, context.width));
    write(renderTourSummary(summary, context));
    write(renderSummaryNote(context.theme, context.width));
  }
  if (common.trace !== undefined) {
    await writeOutputFile(common.trace, 'the trace', renderTourTrace({ scale, seed, results }));
  }
  if (common.html !== undefined) {
    const page = renderTourHtmlPage({ scale, seed, interrupted, results, summary });
    await writeOutputFile(common.html, 'the HTML report', page);
  }
  if (interrupted) return ExitCode.interrupted;
  return results.some((result) => result.status === 'failed') ? ExitCode.failure : ExitCode.ok;
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
  const { invocation, io, theme, width, signal } = context;
  const { common } = invocation;
  const options = defaultOptions(demo.options);
  const { variants, leftOut } = chooseVariants(demo, [], options);
  const text = !common.json && !common.quiet;
  if (text) io.out.write(renderTourBanner(index, invocation.demos.length, demo.name, theme, width));
  if (common.code) {
    const { renderCode } = await import('./code.js');
    io.out.write(await renderCode(demo, variants, io, colorLevel(common.color, io) > 0));
  }
  const runs: RunResult[] = [];
  const collect: Reporter = { onRunEnd: (run) => void runs.push(run) };
  const spinner = common.quiet
    ? await startSpinner(
        io.err,
        `${demo.name} (${index + 1} of ${invocation.demos.length})…`,
        io.out.isTTY === true,
      )
    : undefined;
  try {
    await runDemo({
      demo,
      options,
      variants,
      leftOut,
      scale: common.scale,
      seed: common.seed,
      reporters: [collect, ...(text ? screenReporters(context) : [])],
      signal,
      ...(context.clock ? { clock: context.clock } : {}),
    });
    return { demo, runs, status: signal.aborted ? 'stopped' : 'ran' };
  } catch (error) {
    if (error instanceof InterruptedError || signal.aborted) {
      if (error instanceof InterruptedError) io.err.write(`${demo.name}: ${error.message}\n`);
      return { demo, runs, status: 'stopped' };
    }
    const message = errorMessage(error);
    io.err.write(`async-demos: ${demo.name}: ${escapeControl(message)}\n`);
    return { demo, runs, status: 'failed', error: message };
  } finally {
    spinner?.stop();
  }
}

/**
 * The terminal's output of one demo without its live log: the header, each variant's line
 * (what it does, its ideal), its chart, the comparison table.
 */
function screenReporters({ io, theme, width }: TourContext): Reporter[] {
  let options: unknown;
  let demo: AnyDemo | undefined;
  const variantLines: Reporter = {
    onDemoStart(info) {
      demo = info.demo;
      options = info.options;
    },
    onVariantStart({ variant, idealMs }) {
      const definition = demo?.variants[variant];
      if (!definition) return;
      const summary = variantSummary(definition, options);
      io.out.write(renderVariantHeader(variant, summary, idealMs, theme, width));
    },
  };
  const terminal = terminalReporter({ out: io.out, err: io.err, theme, width, quiet: true });
  return [variantLines, terminal];
}
