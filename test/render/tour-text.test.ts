import { describe, expect, it } from 'vitest';
import {
  renderPausePrompt,
  renderSummaryTitle,
  renderTourBanner,
  renderTourIntro,
} from '../../src/render/tour-text.js';
import { visibleWidth } from '../../src/render/text.js';
import { colored, plain } from './fixtures.js';

describe('the lines that frame the tour', () => {
  it('starts with what is coming, its scale and seed', () => {
    expect(renderTourIntro({ count: 10, scale: 0.2, seed: 42 }, plain(), 80)).toBe(
      'async-demos tour — 10 demos, each with its charts and comparison table\n' +
        'scale 0.2 · seed 42\n',
    );
    expect(renderTourIntro({ count: 1, scale: 1, seed: 1 }, plain(), 80)).toContain(
      '— 1 demo, with its charts',
    );
  });

  it('draws a rule across the width before each demo, naming it and its place', () => {
    for (const width of [40, 80, 120]) {
      const banner = renderTourBanner(1, 10, 'producer-consumer', plain(), width);
      expect(banner.startsWith('\n━━ 2 of 10 · producer-consumer ━━')).toBe(true);
      expect(visibleWidth(banner.trim())).toBe(width);
    }
    expect(renderTourBanner(0, 1, 'x', colored(), 40)).toContain('\x1b[');
  });

  it('names the next demo at a pause', () => {
    expect(renderPausePrompt('workers', 1, 10, plain())).toBe(
      'Press Enter for workers (2 of 10), Ctrl-C to end the tour.',
    );
  });

  it('titles the summary with the time taken, or where Ctrl-C stopped the tour', () => {
    const theme = plain();
    expect(renderSummaryTitle({ done: 10, count: 10, elapsedMs: 29_236 }, theme, 80)).toBe(
      '\nTour summary: 10 demos in 29.236 s\n',
    );
    const stopped = { done: 2, count: 10, elapsedMs: 1 };
    expect(renderSummaryTitle({ ...stopped, stop: 'in' }, theme, 80)).toBe(
      '\nTour summary: stopped by Ctrl-C in demo 2 of 10\n',
    );
    expect(renderSummaryTitle({ ...stopped, stop: 'after' }, theme, 80)).toBe(
      '\nTour summary: stopped by Ctrl-C after demo 2 of 10\n',
    );
  });
});
