import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/engine/recorder.js';
import { HEARTBEAT_TICK, heartbeatCells, heartbeatStatus } from '../../src/render/heartbeat.js';
import { renderChart } from '../../src/render/chart.js';
import { Theme } from '../../src/render/theme.js';
import type { RunResult } from '../../src/engine/runner.js';
import { LOOP_DELAY_COLUMNS } from '../../src/engine/heartbeat.js';
import { columnCell } from '../../src/render/table.js';

const theme = new Theme(new Chalk({ level: 0 }));

/** Ticks every 5 ms from 5 to `until`, on time. */
function onTime(from: number, until: number): Sample[] {
  const samples: Sample[] = [];
  for (let at = from; at <= until; at += 5) samples.push({ atMs: at, value: 0 });
  return samples;
}

function lane(samples: Sample[], span: number, width: number): string {
  return heartbeatCells(samples, span, width, theme)
    .map((cell) => cell.char)
    .join('');
}

describe('heartbeatCells', () => {
  it('draws a tick in every cell while the loop is free', () => {
    expect(lane(onTime(5, 100), 100, 10)).toBe(HEARTBEAT_TICK.repeat(10));
  });

  it('leaves a gap where a late tick says the loop was held', () => {
    // On time until 30 ms, then a tick due at 35 ms that came at 85 ms: held from 35 to 85, so
    // the cells from 30 to 90 ms are at least half held.
    const samples = [...onTime(5, 30), { atMs: 85, value: 50 }, ...onTime(90, 100)];
    const t = HEARTBEAT_TICK;
    expect(lane(samples, 100, 10)).toBe(`${t.repeat(3)}      ${t}`);
  });

  it('keeps a tick where the stall covers less than half of a cell', () => {
    const samples = [...onTime(5, 30), { atMs: 44, value: 4 }, ...onTime(49, 100)];
    expect(lane(samples, 100, 10)).toBe(HEARTBEAT_TICK.repeat(10));
  });

  it('shows a run that blocked from start to end as one long gap', () => {
    expect(lane([{ atMs: 500, value: 495 }], 500, 10)).toBe(' '.repeat(10));
  });
});

describe('heartbeatStatus', () => {
  it('names the longest stall', () => {
    expect(heartbeatStatus([...onTime(5, 20), { atMs: 3005, value: 2980 }])).toBe('stall 2.980 s');
    expect(heartbeatStatus(onTime(5, 20))).toBe('stall 0.0 ms');
  });
});

function run(overrides: Partial<RunResult>): RunResult {
  return {
    variant: 'blocking',
    elapsedMs: 100,
    idealMs: 100,
    interrupted: false,
    tasks: [],
    logs: [],
    counters: {},
    stats: {},
    ...overrides,
  };
}

describe('the heartbeat in the chart', () => {
  it('is a lane of ticks and gaps, not a sparkline', () => {
    const samples = [...onTime(5, 30), { atMs: 85, value: 50 }, ...onTime(90, 100)];
    const task = {
      name: 'read',
      startMs: 0,
      endMs: 100,
      status: 'ok' as const,
      result: null,
      error: null,
      phases: [{ name: 'blocked' as const, startMs: 35, endMs: 85 }],
    };
    const chart = renderChart(run({ tasks: [task], counters: { heartbeat: samples } }), {
      width: 40,
      theme,
    });
    const line = chart.split('\n').find((text) => text.includes('heartbeat')) ?? '';
    expect(line).toMatch(/heartbeat {2}│╎+ +╎+│ stall 50\.0 ms$/);
    expect(chart).toContain('╎ loop free (blank: held)');
  });
});

describe('LOOP_DELAY_COLUMNS', () => {
  it('reads the loop delay from the stats, a dash where there is none', () => {
    const cells = (stats: RunResult['stats']) =>
      LOOP_DELAY_COLUMNS.map((column) => columnCell(column, run({ stats })));
    expect(cells({ maxLoopDelayMs: 2980.4, p99LoopDelayMs: 12.5 })).toEqual(['2.980 s', '12.5 ms']);
    expect(cells({})).toEqual(['—', '—']);
  });
});
