import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../src/engine/recorder.js';
import { renderLogLine } from '../../src/render/log.js';
import { visibleWidth } from '../../src/render/text.js';
import type { Theme } from '../../src/render/theme.js';
import { colored, concurrent, plain } from './fixtures.js';

/** A whole log, its task column as wide as the widest name, as the live log sizes it. */
function renderLog(logs: readonly LogLine[], theme: Theme): string {
  const width = Math.max(0, ...logs.map((line) => visibleWidth(line.task ?? '')));
  return logs.map((line) => renderLogLine(line, theme, width) + '\n').join('');
}

describe('renderLog', () => {
  it('prints time, task and message, the task column as wide as the widest name', () => {
    expect(renderLog(concurrent().logs, plain())).toBe(
      [
        ' 0.000 s  coffee  start coffee (3 s)',
        ' 0.000 s  toast   start toast (2 s)',
        ' 2.001 s  toast   toast ready: Crispy toast',
        ' 3.001 s  coffee  coffee ready: Hot coffee',
        ' 3.001 s          breakfast is ready: Hot coffee, Crispy toast',
        '',
      ].join('\n'),
    );
  });

  it('aligns messages after task names holding wide emoji', () => {
    const text = renderLog(
      [
        { atMs: 0, task: '☕', message: 'A' },
        { atMs: 1, task: 'ab', message: 'B' },
      ],
      plain(),
    );
    expect(text).toBe(' 0.000 s  ☕  A\n 0.001 s  ab  B\n');
  });

  it('is empty for no lines', () => {
    expect(renderLog([], plain())).toBe('');
  });
});

describe('renderLogLine', () => {
  it('pads to the given column width, keeps long times whole and cuts a longer name in its middle', () => {
    const line = { atMs: 12_345.6789, task: 'Charlie', message: 'done' };
    expect(renderLogLine(line, plain(), 10)).toBe('12.346 s  Charlie     done');
    expect(renderLogLine(line, plain(), 3)).toBe('12.346 s  C…e  done');
    // Past 24 columns, as in the chart, a name is cut so that it does not push every line.
    const long = { ...line, task: 'workers 950001–1000000 and more' };
    expect(renderLogLine(long, plain(), 40)).toBe('12.346 s  workers 9500…00 and more  done');
    expect(renderLogLine({ atMs: -0.1, task: null, message: 'x' }, plain(), 2)).toBe(
      ' 0.000 s      x',
    );
  });

  it('colours the time and the task name when colour is on', () => {
    const line = { atMs: 0, task: 'coffee', message: 'start' };
    const text = renderLogLine(line, colored(), 6);
    expect(text).toContain('\x1b[2m'); // dim time
    expect(text).toContain('\x1b[36mcoffee\x1b[39m'); // the first task colour: cyan
    expect(text.endsWith('start')).toBe(true);
  });
});
