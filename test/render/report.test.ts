import { describe, expect, it } from 'vitest';
import breakfast from '../../demos/breakfast.js';
import {
  renderComparisonTitle,
  renderDemoHeader,
  renderRunSummary,
  renderVariantHeader,
} from '../../src/render/report.js';
import { colored, concurrent, plain } from './fixtures.js';

const common = { scale: 0.1, seed: 42, json: false, quiet: false, color: false };

describe('renderDemoHeader', () => {
  it('names the demo and shows the scale and seed, then any notes', () => {
    expect(renderDemoHeader(breakfast, common, plain(), ['server on 127.0.0.1:1234'])).toBe(
      'breakfast — coffee and toast: blocking, one after the other, or both at once\n' +
        'scale 0.1 · seed 42\n' +
        'server on 127.0.0.1:1234\n',
    );
    expect(renderDemoHeader(breakfast, common, plain())).toBe(
      'breakfast — coffee and toast: blocking, one after the other, or both at once\n' +
        'scale 0.1 · seed 42\n',
    );
  });
});

describe('renderVariantHeader', () => {
  it('shows the variant, what it does and its ideal when there is one', () => {
    expect(renderVariantHeader('concurrent', 'start every dish first', 300, plain())).toBe(
      '\n▶ concurrent: start every dish first · ideal 300 ms\n',
    );
    expect(renderVariantHeader('x', 'no ideal', null, plain())).toBe('\n▶ x: no ideal\n');
  });
});

describe('renderRunSummary', () => {
  it('gives the measured time, the ideal and the difference', () => {
    expect(renderRunSummary(concurrent(), plain())).toBe(
      '■ concurrent took 3.001 s · ideal 3.000 s · +1.3 ms\n\n',
    );
  });

  it('gives no difference for a run stopped by Ctrl-C, and no ideal where none exists', () => {
    expect(renderRunSummary({ ...concurrent(), interrupted: true, elapsedMs: 1500 }, plain())).toBe(
      '■ concurrent stopped by Ctrl-C after 1.500 s · ideal 3.000 s\n\n',
    );
    expect(renderRunSummary({ ...concurrent(), idealMs: null }, plain())).toBe(
      '■ concurrent took 3.001 s\n\n',
    );
  });

  it('shows a run faster than its ideal with a minus sign', () => {
    expect(renderRunSummary({ ...concurrent(), elapsedMs: 2999.5 }, plain())).toBe(
      '■ concurrent took 2.999 s · ideal 3.000 s · −0.5 ms\n\n',
    );
  });

  it('colours only when the theme does', () => {
    expect(renderRunSummary(concurrent(), colored())).toContain('\x1b[');
    expect(renderRunSummary(concurrent(), plain())).not.toContain('\x1b');
  });
});

describe('renderComparisonTitle', () => {
  it('says what the speedup is measured against', () => {
    expect(renderComparisonTitle(plain())).toBe(
      '\nComparison (speedup against the slowest variant)\n',
    );
  });

  it('wraps at spaces to the width, never mid-word', () => {
    expect(renderComparisonTitle(plain(), true, 60)).toBe(
      '\nComparison (speedup against the slowest variant doing the\nsame work)\n',
    );
  });
});
