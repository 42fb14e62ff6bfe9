import type { RunResult } from '../engine/run-result.js';
import { escapeHtml } from './html-escape.js';

/** Pixels of the longest run: every variant of a demo shares one ms-per-pixel. */
export const AXIS_WIDTH = 900;
const LABEL_WIDTH = 160;
const LANE_HEIGHT = 22;
const AXIS_HEIGHT = 24;

export function runSpanMs(run: RunResult): number {
  const ends = run.tasks.map((task) => task.endMs ?? run.elapsedMs);
  return Math.max(run.elapsedMs, ...ends, 1);
}

export function sharedSpanMs(runs: readonly RunResult[]): number {
  return Math.max(1, ...runs.map(runSpanMs));
}

/** One run's timeline: a lane per task, each phase a rect of class `phase-<name>`. */
export function renderTimelineSvg(run: RunResult, spanMs: number): string {
  const msPerPx = spanMs / AXIS_WIDTH;
  const x = (ms: number): number => LABEL_WIDTH + ms / msPerPx;
  const height = run.tasks.length * LANE_HEIGHT + AXIS_HEIGHT;
  const lanes = run.tasks.map((task, index) => {
    const y = index * LANE_HEIGHT;
    const end = task.endMs ?? run.elapsedMs;
    const bars = task.phases.map((phase) => {
      const left = x(phase.startMs);
      const width = Math.max(1, x(phase.endMs ?? end) - left);
      return `<rect class="phase phase-${phase.name}" x="${left.toFixed(1)}" y="${y + 3}" width="${width.toFixed(1)}" height="${LANE_HEIGHT - 6}"><title>${escapeHtml(task.name)}: ${phase.name} ${phase.startMs.toFixed(1)}–${(phase.endMs ?? end).toFixed(1)} ms</title></rect>`;
    });
    return `<g class="lane" data-task="${escapeHtml(task.name)}"><text class="lane-label" x="${LABEL_WIDTH - 8}" y="${y + LANE_HEIGHT / 2 + 5}" text-anchor="end">${escapeHtml(task.name)}</text>${bars.join('')}</g>`;
  });
  return `<svg class="timeline" viewBox="0 0 ${LABEL_WIDTH + AXIS_WIDTH + 20} ${height}" data-ms-per-px="${msPerPx}" data-left="${LABEL_WIDTH}" data-span-ms="${spanMs}">${patterns()}${lanes.join('')}${axis(spanMs, x, run.tasks.length * LANE_HEIGHT)}<line class="cursor" x1="${LABEL_WIDTH}" x2="${LABEL_WIDTH}" y1="0" y2="${run.tasks.length * LANE_HEIGHT}" visibility="hidden"/></svg>`;
}

function axis(spanMs: number, x: (ms: number) => number, top: number): string {
  const step = niceStep(spanMs / 8);
  const ticks: string[] = [];
  for (let ms = 0; ms <= spanMs + 1e-9; ms += step) {
    ticks.push(
      `<line class="tick" x1="${x(ms).toFixed(1)}" x2="${x(ms).toFixed(1)}" y1="${top}" y2="${top + 5}"/><text class="tick-label" x="${x(ms).toFixed(1)}" y="${top + 18}" text-anchor="middle">${Number(ms.toFixed(3))}</text>`,
    );
  }
  return `<g class="axis"><line x1="${x(0)}" x2="${x(spanMs)}" y1="${top}" y2="${top}"/>${ticks.join('')}<text class="axis-unit" x="${x(0) - 14}" y="${top + 18}" text-anchor="end">time (ms)</text></g>`;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= raw) return factor * power;
  return 10 * power;
}

// Patterns keep the phases apart in print and for colour-blind readers.
function patterns(): string {
  return `<defs><pattern id="hatch-blocked" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#d62728"/><line x1="0" y1="0" x2="0" y2="6" stroke="#7a0d0d" stroke-width="3"/></pattern><pattern id="dots-waiting" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#f2c14e"/><circle cx="3" cy="3" r="1.3" fill="#8a6500"/></pattern><pattern id="stripe-off" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#9467bd"/><line x1="0" y1="4" x2="8" y2="4" stroke="#4b2a72" stroke-width="2"/></pattern></defs>`;
}

/** A counter as a step line over the same axis. */
export function renderCounterSvg(
  name: string,
  samples: readonly { atMs: number; value: number }[],
  spanMs: number,
): string {
  const msPerPx = spanMs / AXIS_WIDTH;
  const h = 40;
  const max = Math.max(1, ...samples.map((s) => s.value));
  const points: string[] = [];
  let last = 0;
  for (const sample of samples) {
    const px = LABEL_WIDTH + sample.atMs / msPerPx;
    points.push(`${px.toFixed(1)},${(h - (last / max) * (h - 4)).toFixed(1)}`);
    points.push(`${px.toFixed(1)},${(h - (sample.value / max) * (h - 4)).toFixed(1)}`);
    last = sample.value;
  }
  return `<svg class="counter" viewBox="0 0 ${LABEL_WIDTH + AXIS_WIDTH + 20} ${h + 4}"><text class="lane-label" x="${LABEL_WIDTH - 8}" y="${h / 2 + 5}" text-anchor="end">${escapeHtml(name)} (max ${max})</text><line class="baseline" x1="${LABEL_WIDTH}" x2="${LABEL_WIDTH + AXIS_WIDTH}" y1="${h}" y2="${h}"/><polyline class="counter-line" points="${points.join(' ')}"/></svg>`;
}
