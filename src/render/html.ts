import { PHASE_NAMES } from '../engine/recorder.js';
import type { RunResult } from '../engine/run-result.js';
import {
  formatDifference,
  formatDuration,
  formatMeanSd,
  formatSpeedup,
  formatSpeedupSd,
  unitFor,
} from '../engine/format.js';
import { ratioOf } from '../engine/stats.js';
import { summaryOf, timeOf } from './repeats.js';
import { PAGE_CSS, PAGE_SCRIPT } from './html-assets.js';
import { escapeHtml } from './html-escape.js';
import { renderCounterSvg, renderTimelineSvg, sharedSpanMs } from './html-svg.js';

export interface HtmlPageParts {
  demo: string;
  summary?: string;
  scale: number;
  seed: number;
  runs: readonly RunResult[];
  /** Each variant's source, when the `--code` module provides it (optional). */
  code?: Readonly<Record<string, string>>;
}

/** One entry of the step-through: a log line, or a task's start or end. */
export interface StepEvent {
  run: number;
  atMs: number;
  log: number | null;
  label: string;
}

/** One self-contained page (no network: styles and script inline) of everything measured. */
export function renderHtmlPage(parts: HtmlPageParts): string {
  const { demo, summary, scale, seed, runs } = parts;
  const intro =
    (summary ? `<p class="summary">${escapeHtml(summary)}</p>` : '') +
    `<p class="summary">scale ${scale}, seed ${seed}</p>`;
  return renderPageShell({
    title: `async-demos: ${escapeHtml(demo)}`,
    intro,
    body: renderDemoBody(parts, 0),
    events: stepEvents(runs, 0),
  });
}

export interface PageShell {
  /** Already escaped, as the rest of these strings. */
  title: string;
  intro: string;
  body: string;
  events: readonly StepEvent[];
  /** Styles of this kind of page only, after the common ones. */
  css?: string;
}

/** The page around the demos: title, the step-through's controls, the legend, its script. */
export function renderPageShell({ title, intro, body, events, css = '' }: PageShell): string {
  const json = JSON.stringify(events).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${PAGE_CSS}${css}</style></head><body>
<h1>${title}</h1>${intro}
<div class="controls"><button id="prev" title="previous event (←)">← Prev</button><button id="next" title="next event (→)">Next →</button><button id="play">Play</button><label>speed <select id="speed"><option value="0.5">0.5×</option><option value="1" selected>1×</option><option value="2">2×</option><option value="4">4×</option></select></label><span id="status"></span></div>
${legend()}
${body}
<script type="application/json" id="events">${json}</script><script>${PAGE_SCRIPT}</script></body></html>
`;
}

/**
 * A demo's variants on one time axis, its comparison table and code. Its runs are numbered from
 * `firstRun` (the step-through's cursor finds them by number), so that several demos share a page.
 */
export function renderDemoBody(parts: HtmlPageParts, firstRun: number): string {
  const spanMs = sharedSpanMs(parts.runs);
  const sections = parts.runs.map((run, index) => variantSection(run, firstRun + index, spanMs));
  return `${sections.join('\n')}
<h2>Comparison</h2>${comparisonTable(parts.runs)}
${codeSection(parts.code)}`;
}

function legend(): string {
  const items = PHASE_NAMES.map(
    (name) =>
      `<span class="legend-item" data-phase="${name}"><svg viewBox="0 0 28 16"><rect class="phase phase-${name}" width="28" height="16"/></svg>${name}</span>`,
  );
  return `<div class="legend">${items.join('')}</div>`;
}

function variantSection(run: RunResult, index: number, spanMs: number): string {
  const svg = renderTimelineSvg(run, spanMs).replace(
    '<svg class="timeline"',
    `<svg class="timeline" data-run="${index}"`,
  );
  const counters = Object.entries(run.counters)
    .filter(([, samples]) => samples.length > 0)
    .map(([name, samples]) => renderCounterSvg(name, samples, spanMs))
    .join('');
  const ideal = run.idealMs === null ? '' : `, ideal ${formatDuration(run.idealMs)}`;
  const logs = run.logs
    .map(
      (line, n) =>
        `<li id="log-${index}-${n}"><span class="at">${line.atMs.toFixed(1)} ms</span>${line.task === null ? '' : `<span class="task">${escapeHtml(line.task)}</span>`}${escapeHtml(line.message)}</li>`,
    )
    .join('');
  return `<section class="variant"><h2>${escapeHtml(run.variant)}: ${formatDuration(run.elapsedMs)}${ideal}${run.interrupted ? ' (interrupted)' : ''}</h2>${svg}${counters}<h3>Log</h3><ol class="log">${logs}</ol></section>`;
}

/** The comparison: with --runs, each variant's mean ± σ and its speedup ± σ, as the terminal's. */
function comparisonTable(runs: readonly RunResult[]): string {
  const unit = unitFor(runs.flatMap((run) => [timeOf(run), run.idealMs ?? 0]));
  const finished = runs.filter((r) => !r.interrupted);
  const slowest = finished.reduce<RunResult | undefined>(
    (worst, run) => (worst && timeOf(worst) >= timeOf(run) ? worst : run),
    undefined,
  );
  const rows = runs.map((run) => {
    const time = timeOf(run);
    const measured = run.repeats
      ? formatMeanSd(run.repeats.meanMs, run.repeats.sdMs, unit)
      : formatDuration(run.elapsedMs, unit);
    const ideal = run.idealMs === null ? '—' : formatDuration(run.idealMs, unit);
    const vs = run.idealMs === null ? '—' : formatDifference(time - run.idealMs);
    let speedup = '—';
    if (slowest && !run.interrupted && time > 0) {
      const { ratio, sd } = ratioOf(summaryOf(slowest), summaryOf(run));
      speedup = run.repeats || slowest.repeats ? formatSpeedupSd(ratio, sd) : formatSpeedup(ratio);
    }
    return `<tr><td>${escapeHtml(run.variant)}</td><td>${measured}</td><td>${ideal}</td><td>${vs}</td><td>${speedup}</td></tr>`;
  });
  const head = runs.some((run) => run.repeats) ? 'Mean ± σ' : 'Measured';
  return `<table class="comparison"><thead><tr><th>Variant</th><th>${head}</th><th>Ideal</th><th>vs ideal</th><th>Speedup</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function codeSection(code: Readonly<Record<string, string>> | undefined): string {
  if (!code) return '';
  const blocks = Object.entries(code).map(
    ([variant, source]) =>
      `<h3>${escapeHtml(variant)}</h3><pre class="code">${escapeHtml(source)}</pre>`,
  );
  return `<section id="code"><h2>Code</h2>${blocks.join('')}</section>`;
}

/** The step-through's events of these runs, numbered from `firstRun`, in time order per run. */
export function stepEvents(runs: readonly RunResult[], firstRun: number): StepEvent[] {
  return runs.flatMap((run, offset) => {
    const index = firstRun + offset;
    const events: StepEvent[] = run.logs.map((line, n) => ({
      run: index,
      atMs: line.atMs,
      log: n,
      label: `${run.variant} ${line.atMs.toFixed(1)} ms ${line.task ?? ''} ${line.message}`,
    }));
    for (const task of run.tasks) {
      events.push({
        run: index,
        atMs: task.startMs,
        log: null,
        label: `${run.variant} ${task.startMs.toFixed(1)} ms ${task.name} starts`,
      });
      if (task.endMs !== null)
        events.push({
          run: index,
          atMs: task.endMs,
          log: null,
          label: `${run.variant} ${task.endMs.toFixed(1)} ms ${task.name} ends`,
        });
    }
    return events.sort((a, b) => a.atMs - b.atMs);
  });
}
