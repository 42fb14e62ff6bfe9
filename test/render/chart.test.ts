import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/render/chart.js';
import { visibleWidth } from '../../src/render/text.js';
import { blocking, colored, concurrent, plain, run, sequential, task } from './fixtures.js';

const lines = (text: string) => text.split('\n').slice(0, -1);

/** Op1 runs; Op3 waits then runs then fails; Op5 waits then blocks, cancelled; one never ends. */
const mixed = () =>
  run({
    variant: 'limited',
    elapsedMs: 6000,
    idealMs: 6000,
    tasks: [
      task('Op1', [['running', 0, 2000]]),
      task(
        'Op3',
        [
          ['waiting', 0, 2000],
          ['running', 2000, 4000],
        ],
        'error',
        { error: 'boom' },
      ),
      task(
        'Op5',
        [
          ['waiting', 0, 4000],
          ['blocked', 4000, 5000],
        ],
        'cancelled',
      ),
      task('open', [['running', 0, null]], null),
    ],
    counters: {
      permits: [
        { atMs: 0, value: 1 },
        { atMs: 0.1, value: 2 },
        { atMs: 4000, value: 1 },
        { atMs: 6000, value: 0 },
      ],
    },
  });

describe('renderChart', () => {
  it('draws a lane per task, its end status and time at the right, and a time axis', () => {
    expect(lines(renderChart(concurrent(), { width: 60, theme: plain() }))).toEqual([
      '  coffee  │██████████████████████████████████████│ ✓ 3.001 s',
      '  toast   │█████████████████████████             │ ✓ 2.001 s',
      '          └┬───────────┬────────────┬───────────┬┘',
      '           0 s         1 s          2 s         3 s',
      '          █ running  ✓ ok',
    ]);
  });

  it('draws running, waiting and blocked apart, every status, a counter as a sparkline, and a legend that wraps to the width', () => {
    expect(lines(renderChart(mixed(), { width: 60, theme: plain() }))).toEqual([
      '  Op1      │████████████                         │ ✓ 2.000 s',
      '  Op3      │░░░░░░░░░░░░█████████████            │ ✗ 4.000 s',
      '  Op5      │░░░░░░░░░░░░░░░░░░░░░░░░░▓▓▓▓▓▓      │ ⊘ 5.000 s',
      '  open     │█████████████████████████████████████│ …',
      '  permits  │█████████████████████████▄▄▄▄▄▄▄▄▄▄▄▄│ max 2',
      '           └┬───────────┬───────────┬───────────┬┘',
      '            0 s         2 s         4 s         6 s',
      '           █ running  ░ waiting (queued)',
      '           ▓ blocked (thread held)  ✓ ok  ✗ error',
      '           ⊘ cancelled',
    ]);
  });

  it('draws a sequential run one lane after the other, and a blocking run as blocked', () => {
    const [coffee, toast] = lines(renderChart(sequential(), { width: 60, theme: plain() }));
    const bar = (line = '') => line.slice(line.indexOf('│') + 1, line.lastIndexOf('│'));
    expect(bar(coffee)).toMatch(/^█+ +$/);
    expect(bar(toast)).toMatch(/^ +█+$/);
    // Toast starts where coffee ends: the two bars do not overlap and leave no gap.
    expect(bar(coffee).trimEnd().length).toBe(bar(toast).length - bar(toast).trimStart().length);
    const [blockedCoffee, blockedToast] = lines(
      renderChart(blocking(), { width: 60, theme: plain() }),
    );
    expect(bar(blockedCoffee)).toMatch(/^▓+ +$/);
    expect(bar(blockedToast)).toMatch(/^ +▓+$/);
  });

  it('stretches the timeline to work left behind after the variant returned', () => {
    const orphaned = run({
      variant: 'fail-fast',
      elapsedMs: 1000,
      tasks: [task('main', [['running', 0, 1000]]), task('orphan', [['running', 0, 4000]])],
    });
    expect(lines(renderChart(orphaned, { width: 50, theme: plain() }))).toEqual([
      '  main    │███████                     │ ✓ 1.000 s',
      '  orphan  │████████████████████████████│ ✓ 4.000 s',
      '          └┬──────▲──────┬────────────┬┘',
      '           0 s           2 s          4 s',
      '          █ running  ✓ ok  ▲ fail-fast returned',
    ]);
  });

  it('marks no return when the variant returned last, or was stopped by Ctrl-C', () => {
    const whole = run({
      variant: 'v',
      elapsedMs: 4000,
      tasks: [task('main', [['running', 0, 4000]])],
    });
    expect(renderChart(whole, { width: 50, theme: plain() })).not.toContain('▲');
    const stopped = run({
      variant: 'v',
      elapsedMs: 1000,
      interrupted: true,
      tasks: [task('main', [['running', 0, 1000]]), task('orphan', [['running', 0, 4000]])],
    });
    expect(renderChart(stopped, { width: 50, theme: plain() })).not.toContain('▲');
  });

  it.each([40, 60, 80, 120, 200])('fills exactly %d columns, never more', (width) => {
    const chart = lines(renderChart(mixed(), { width, theme: plain() }));
    const lanes = chart.slice(0, 5);
    for (const line of lanes) expect(visibleWidth(line.trimEnd())).toBeLessThanOrEqual(width);
    // The longest status sets the width: its lane ends at the last column.
    expect(visibleWidth(lanes[0] ?? '')).toBe(width);
    for (const line of chart.slice(5, 7)) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
  });

  it('aligns lanes whose labels hold wide emoji, by their width in the terminal', () => {
    const emoji = run({
      variant: 'concurrent',
      elapsedMs: 1000,
      tasks: [
        task('☕ coffee', [['running', 0, 1000]]),
        task('🍞 toast', [['running', 0, 500]]),
        task('eggs', [['running', 0, 250]]),
      ],
    });
    const chart = lines(renderChart(emoji, { width: 50, theme: plain() }));
    const borderColumns = chart
      .slice(0, 3)
      .map((line) => visibleWidth(line.slice(0, line.indexOf('│'))));
    expect(borderColumns).toEqual([13, 13, 13]);
    for (const line of chart.slice(0, 3)) expect(visibleWidth(line)).toBe(50);
  });

  it('cuts a long label with an ellipsis and keeps a minimum bar on a narrow terminal', () => {
    const long = run({
      variant: 'x',
      elapsedMs: 100,
      tasks: [task('a-very-long-task-name-that-goes-on-and-on', [['running', 0, 100]])],
    });
    expect(lines(renderChart(long, { width: 20, theme: plain() }))).toEqual([
      '  a-very-long-task-name-t…  │██████████│ ✓ 0.100 s',
      '                            └┬────────┬┘',
      '                             0 ms     100 ms',
      '                            █ running',
      '                            ✓ ok',
    ]);
  });

  it('draws an instant task as one cell rather than none', () => {
    const instant = run({
      variant: 'x',
      elapsedMs: 1000,
      tasks: [task('slow', [['running', 0, 1000]]), task('instant', [['running', 500, 500]])],
    });
    const [, line = ''] = lines(renderChart(instant, { width: 60, theme: plain() }));
    expect(line.match(/█/g)).toHaveLength(1);
  });

  it('colours only when the theme does, and draws the same text either way', () => {
    const plainChart = renderChart(mixed(), { width: 60, theme: plain() });
    expect(plainChart).not.toContain('\x1b');
    const coloredChart = renderChart(mixed(), { width: 60, theme: colored() });
    expect(coloredChart).toContain('\x1b[');
    expect(stripVTControlCharacters(coloredChart)).toBe(plainChart);
  });
});

describe('renderChart on a shared time axis', () => {
  const nap = (name: string, ms: number) =>
    run({
      variant: name,
      elapsedMs: ms,
      tasks: [
        {
          name: 'coffee',
          startMs: 0,
          endMs: ms,
          status: 'ok',
          result: null,
          error: null,
          phases: [{ name: 'awaiting', startMs: 0, endMs: ms }],
        },
      ],
    });
  const bar = (text: string) => /│([^│]*)│/.exec(text.split('\n')[0] ?? '')?.[1] ?? '';

  it('draws a run half as long half as wide, with the awaiting glyph and its legend', () => {
    const options = { width: 60, theme: plain(), spanMs: 500 };
    const long = bar(renderChart(nap('sequential', 500), options));
    const short = bar(renderChart(nap('concurrent', 300), options));
    expect(long.trim()).toMatch(/^╌+$/);
    expect(short.trim().length / long.trim().length).toBeCloseTo(0.6, 1);
    expect(renderChart(nap('concurrent', 300), options)).toContain('╌ awaiting (timer, I/O)');
    // A shorter run on a longer axis did not return early: no ▲.
    expect(renderChart(nap('concurrent', 300), options)).not.toContain('▲');
  });

  it('keeps one bar width when the label and status room are shared', () => {
    const options = { width: 60, theme: plain(), spanMs: 500, labelWidth: 9, statusWidth: 12 };
    expect(bar(renderChart(nap('a', 500), options)).length).toBe(60 - 9 - 12 - 7);
  });
});
