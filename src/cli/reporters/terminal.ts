import { variantSummary } from '../../engine/demo.js';
import type { RecorderEvent } from '../../engine/recorder.js';
import type { DemoRunInfo, Reporter } from '../../engine/reporter.js';
import { passesOf, type RunResult } from '../../engine/run-result.js';
import { chartLabelWidth, renderChart, STATUS_ROOM, timelineSpan } from '../../render/chart.js';
import { renderFailures } from '../../render/failures.js';
import { sideBySide } from '../../render/side-by-side.js';
import { liveLog } from '../../render/live.js';
import {
  renderComparisonTitle,
  renderDemoHeader,
  renderPassesTitle,
  renderRunSummary,
  renderVariantHeader,
} from '../../render/report.js';
import { renderRepeatsSummary } from '../../render/repeats.js';
import { renderComparison } from '../../render/table.js';
import type { Theme } from '../../render/theme.js';
import { startSpinner, type Spinner } from '../spinner.js';
import type { OutputStream } from '../terminal.js';

export interface TerminalSettings {
  out: OutputStream;
  /** Where the spinner goes (stderr), only when `out` is a terminal. */
  err: OutputStream;
  theme: Theme;
  width: number;
  /** No live log: only the chart and the table. */
  quiet: boolean;
}

/**
 * What a person reads: the demo's header, each variant's live log, its summary and chart, and
 * the comparison table when several variants ran. A spinner on stderr says that work is under
 * way while nothing else shows (a demo getting ready, a quiet variant).
 */
export function terminalReporter(settings: TerminalSettings): Reporter {
  const { out, err, theme, width, quiet } = settings;
  const write = (text: string) => out.write(text);
  const interactive = out.isTTY === true;
  let spinner: Spinner | undefined;
  let info: DemoRunInfo | undefined;
  const runs: RunResult[] = [];
  // Shared by every chart of the demo, so that their bars have one scale.
  let spanMs = 0;
  let labelWidth = 0;
  const spin = async (text: string) => {
    spinner = await startSpinner(err, text, interactive);
  };
  const stopSpinner = () => {
    spinner?.stop();
    spinner = undefined;
  };
  let live: ((event: RecorderEvent) => void) | undefined;
  return {
    async onPrepare({ demo }) {
      if (demo.prepare) await spin(`${demo.name}: getting ready…`);
    },
    onDemoStart(started, { notes, idealMs, taskNames }) {
      stopSpinner();
      info = started;
      if (!quiet) live = liveLog({ theme, write, width, names: taskNames });
      // One time axis for the demo: the longest ideal, widened by any run that takes longer.
      spanMs = Math.max(0, ...Object.values(idealMs).filter((ms) => ms !== null));
      write(renderDemoHeader(started.demo, started, theme, notes, width));
    },
    async onVariantStart({ variant, idealMs }) {
      const definition = info?.demo.variants[variant];
      if (!quiet && definition) {
        const summary = variantSummary(definition, info?.options);
        write(renderVariantHeader(variant, summary, idealMs, theme, width));
      }
      await spin(`${info?.demo.name ?? ''} ${variant}…`);
    },
    onRepeatStart({ variant, warmup, run, of }) {
      const which = warmup ? `warm-up ${run} of ${of}` : `run ${run} of ${of}`;
      spinner?.update(`${info?.demo.name ?? ''} ${variant}: ${which}…`);
    },
    onEvent(event) {
      live?.(event);
    },
    onRunEnd(run) {
      stopSpinner();
      runs.push(run);
      spanMs = Math.max(spanMs, timelineSpan(run));
      labelWidth = Math.max(labelWidth, chartLabelWidth(run));
      write(
        run.repeats
          ? renderRepeatsSummary(run, { theme, width, logShown: !quiet })
          : renderRunSummary(run, theme),
      );
      const chart = (shown: RunResult) =>
        renderChart(shown, { width, theme, spanMs, labelWidth, statusWidth: STATUS_ROOM });
      // A run whose asyncio twin comes next is charted with it, lane by lane, once both ended.
      const twinNext = info?.asyncio?.includes(run.variant) === true && !run.interrupted;
      const node = run.runtime === 'asyncio' ? runs.at(-2) : undefined;
      if (node) write(chart(sideBySide(node, run)));
      else if (!twinNext) write(chart(run));
      // The live log said why each task failed; without it, the chart's ✗ alone cannot.
      if (quiet) write(renderFailures(run, theme, width));
      const passesStat = info?.demo.variants[run.variant]?.passes;
      const passes = passesStat === undefined ? [] : passesOf(run, passesStat);
      if (passes.length > 1) {
        write(renderPassesTitle(run.variant, theme));
        write(renderComparison(passes, { theme, width, firstHeader: 'Pass' }) + '\n');
      }
    },
    onDemoEnd() {
      stopSpinner();
      if (!info || runs.length < 2) return;
      const { demo } = info;
      const groupOf = (variant: string) => demo.variants[variant]?.group ?? '';
      const grouped = new Set(runs.map((run) => groupOf(run.variant))).size > 1;
      write(renderComparisonTitle(theme, grouped, width));
      write(
        renderComparison(runs, {
          theme,
          width,
          groupOf,
          rankOf: (variant) => demo.variants[variant]?.rankBy,
          ...(demo.columns ? { columns: demo.columns } : {}),
        }),
      );
    },
  };
}
