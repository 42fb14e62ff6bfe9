import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as realDelay } from 'node:timers/promises';
import type { Clock } from './clock.js';
import type { Column } from './demo.js';

/** The counter a heartbeat records: one sample per tick, its value the tick's lateness in ms. */
export const HEARTBEAT_COUNTER = 'heartbeat';
export const HEARTBEAT_INTERVAL_MS = 5;
/**
 * The first tick comes at once (a timer's least delay), so that a variant that blocks from its
 * first line shows as held from the start, not after a first interval of nothing known.
 */
export const HEARTBEAT_FIRST_TICK_MS = 1;
/** How often Node's own monitor samples the loop; its figures include this interval. */
const MONITOR_RESOLUTION_MS = 1;

/** Comparison-table columns for the loop delay of runs with a heartbeat. */
export const LOOP_DELAY_COLUMNS: readonly Column[] = [
  { header: 'Loop delay max', stat: 'maxLoopDelayMs', format: 'duration' },
  { header: 'p99', stat: 'p99LoopDelayMs', format: 'duration' },
];

export interface LoopDelayStats {
  maxLoopDelayMs: number;
  p99LoopDelayMs: number;
}

export interface Heartbeat {
  /**
   * Stops the ticks and the monitor; null when the monitor saw no real time pass (as under fake
   * timers, where its figures would mean nothing).
   */
  stop(): Promise<LoopDelayStats | null>;
}

/**
 * Ticks every few milliseconds while a variant runs, to show when the event loop was free. A tick
 * that comes late means something held the loop: `onTick` receives how late, in milliseconds.
 * Alongside, Node's `monitorEventLoopDelay` measures the loop's delay in real time only: under
 * fake timers its figures describe the test machine, not the demo, and are often absent.
 */
export function startHeartbeat(
  clock: Clock,
  onTick: (latenessMs: number) => void,
  intervalMs = HEARTBEAT_INTERVAL_MS,
): Heartbeat {
  const monitor = monitorEventLoopDelay({ resolution: MONITOR_RESOLUTION_MS });
  monitor.enable();
  let due = clock.now() + HEARTBEAT_FIRST_TICK_MS;
  let longestStall = 0;
  // Looked up at call time, so that vitest's fake timers drive the ticks in tests.
  let timer = setTimeout(tick, HEARTBEAT_FIRST_TICK_MS);
  function tick() {
    const now = clock.now();
    const lateness = Math.round(Math.max(0, now - due) * 10) / 10;
    longestStall = Math.max(longestStall, lateness);
    onTick(lateness);
    due = now + intervalMs;
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  }
  timer.unref();
  let stopped = false;
  return {
    async stop() {
      if (stopped) return loopDelayStats(monitor, longestStall);
      stopped = true;
      clearTimeout(timer);
      // A tick still waiting past its time when the run ends is a stall that no tick reported,
      // as when a variant blocks until its very end.
      if (clock.now() > due) tick();
      clearTimeout(timer);
      // The monitor records a stall only when its own timer finally runs: give it one real turn
      // of the event loop (node:timers/promises is real time even under vitest's fake timers).
      await realDelay(MONITOR_RESOLUTION_MS);
      monitor.disable();
      return loopDelayStats(monitor, longestStall);
    },
  };
}

/**
 * The monitor measures the time between two of its own wake-ups, so it cannot see a stall that
 * begins before its first wake-up (a variant that blocks at once) or outlasts the run. The
 * heartbeat sees those: when its longest stall exceeds everything the monitor saw, that stall is
 * counted as one more sample of the monitor's.
 */
function loopDelayStats(monitor: IntervalHistogram, stallMs: number): LoopDelayStats | null {
  const count = monitor.count;
  const delay = (ns: number) => Math.max(0, ns / 1e6 - MONITOR_RESOLUTION_MS);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const seenMax = count > 0 ? delay(monitor.max) : 0;
  if (stallMs > seenMax) {
    // The rank of the 99th percentile among the monitor's samples and the stall, the largest.
    const rank = Math.ceil(0.99 * (count + 1));
    const p99 = rank > count ? stallMs : delay(monitor.percentile((rank / count) * 100));
    return { maxLoopDelayMs: round(stallMs), p99LoopDelayMs: round(p99) };
  }
  // An empty histogram reports nonsense (a p99 of 511 ns), so no figures rather than wrong ones.
  if (count === 0) return null;
  return { maxLoopDelayMs: round(seenMax), p99LoopDelayMs: round(delay(monitor.percentile(99))) };
}
