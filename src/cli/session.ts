import type { Clock } from '../engine/clock.js';
import { ExitCode } from '../engine/errors.js';
import { runDemo } from '../engine/lifecycle.js';
import type { Reporter } from '../engine/reporter.js';
import { createTheme } from '../render/theme.js';
import type { DemoInvocation } from './invocation.js';
import { jsonReporter } from './reporters/json.js';
import { terminalReporter } from './reporters/terminal.js';
import { UsageError } from '../engine/errors.js';
import { checkOutputFile } from './output-file.js';
import { traceReporter } from './reporters/trace.js';
import { htmlReporter } from './reporters/html.js';
import { colorLevel, outputWidth, type Io } from './terminal.js';
import { checkPython, twinVariants } from '../engine/twin.js';

export interface SessionOptions {
  signal?: AbortSignal;
  clock?: Clock;
}

/** Runs the chosen variants of a demo with the reporters the command line asked for. */
export async function runSession(
  invocation: DemoInvocation,
  io: Io,
  { signal, clock }: SessionOptions,
): Promise<number> {
  const { demo, options, variants, leftOut, common } = invocation;
  if (common.trace !== undefined) await checkOutputFile(common.trace, 'the trace');
  if (common.html !== undefined) await checkOutputFile(common.html, 'the HTML report');
  if (common.code) {
    if (common.json) throw new UsageError('--code cannot be combined with --json');
    const { renderCode } = await import('./code.js');
    io.out.write(await renderCode(demo, variants, io, colorLevel(common.color, io) > 0));
  }
  const asyncio = common.asyncio ? await asyncioRequest(invocation) : undefined;
  const runs = await runDemo({
    demo,
    options,
    variants,
    leftOut,
    scale: common.scale,
    seed: common.seed,
    runs: common.runs,
    warmup: common.warmup,
    reporters: reportersFor(invocation, io),
    ...(asyncio ? { asyncio } : {}),
    ...(signal ? { signal } : {}),
    ...(clock ? { clock } : {}),
  });
  return runs.some((run) => run.interrupted) ? ExitCode.interrupted : ExitCode.ok;
}

/** Which variants' twins `--asyncio` runs, once python3 is known to be there. */
async function asyncioRequest({ demo, options, variants }: DemoInvocation) {
  const chosen = twinVariants(demo, options, variants);
  await checkPython();
  return { variants: chosen };
}

function reportersFor(invocation: DemoInvocation, io: Io): Reporter[] {
  const { trace, html } = invocation.common;
  return [
    ...outputReporters(invocation, io),
    ...(trace === undefined ? [] : [traceReporter(trace)]),
    ...(html === undefined ? [] : [htmlReporter(html)]),
  ];
}

function outputReporters({ common }: DemoInvocation, io: Io): Reporter[] {
  if (common.json) return [jsonReporter(io.out)];
  const theme = createTheme(colorLevel(common.color, io));
  return [
    terminalReporter({
      out: io.out,
      err: io.err,
      theme,
      width: outputWidth(io.out),
      quiet: common.quiet,
    }),
  ];
}
