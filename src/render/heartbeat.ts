import type { ChalkInstance } from 'chalk';
import type { Sample } from '../engine/recorder.js';
import { formatDuration } from '../engine/format.js';
import type { Theme } from './theme.js';

/** A cell of a chart lane: a character and how to colour it. */
export interface HeartbeatCell {
  char: string;
  paint: ChalkInstance | null;
}

export const HEARTBEAT_TICK = '╎';

/**
 * The heartbeat lane: a tick mark where the event loop was free, a blank where it was held. A
 * sample is a tick that came `value` ms late, so the loop was held from `atMs - value` to `atMs`;
 * a cell is blank when such stalls cover at least half of it.
 */
export function heartbeatCells(
  samples: readonly Sample[],
  span: number,
  barWidth: number,
  theme: Theme,
): HeartbeatCell[] {
  const cellMs = span / barWidth;
  const covered = new Array<number>(barWidth).fill(0);
  for (const { atMs, value } of samples) {
    if (value <= 0) continue;
    const from = Math.max(0, atMs - value);
    const to = Math.min(span, atMs);
    const first = Math.floor(from / cellMs);
    const last = Math.min(barWidth - 1, Math.ceil(to / cellMs) - 1);
    for (let i = first; i <= last; i++) {
      covered[i] = (covered[i] ?? 0) + overlap(from, to, i * cellMs, (i + 1) * cellMs);
    }
  }
  const free: HeartbeatCell = { char: HEARTBEAT_TICK, paint: theme.chalk.green };
  const held: HeartbeatCell = { char: ' ', paint: null };
  return covered.map((ms) => (ms >= cellMs / 2 ? held : free));
}

/** What the lane's marks mean, for the chart's legend. */
export function heartbeatLegend(theme: Theme): string {
  return `${theme.chalk.green(HEARTBEAT_TICK)} loop free (blank: held)`;
}

/** The longest stall: how late the latest tick was. */
export function heartbeatStatus(samples: readonly Sample[]): string {
  const longest = samples.reduce((most, sample) => Math.max(most, sample.value), 0);
  return `stall ${formatDuration(longest)}`;
}

function overlap(from: number, to: number, cellStart: number, cellEnd: number): number {
  return Math.max(0, Math.min(to, cellEnd) - Math.max(from, cellStart));
}
