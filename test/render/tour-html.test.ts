import { describe, expect, it } from 'vitest';
import { renderTourHtmlPage } from '../../src/render/tour-html.js';
import { results, summary } from './tour-fixtures.js';

describe('the tour as one HTML page', () => {
  const page = renderTourHtmlPage({ scale: 0.2, seed: 42, interrupted: false, results, summary });

  it('has a section per demo, its summary and lesson escaped, and the summary at the end', () => {
    expect(page.match(/<section class="demo"/g)).toHaveLength(2);
    expect(page).toContain('breakfast &lt;summary&gt;');
    expect(page).toContain('<p class="lesson">Start both dishes.</p>');
    expect(page.indexOf('id="tour-summary"')).toBeGreaterThan(page.indexOf('id="demo-workers"'));
    expect(page).toContain('<td>workers (failed)</td>');
  });

  it("numbers the runs across the page, so that the cursor finds each demo's charts", () => {
    const numbers = [...page.matchAll(/<svg class="timeline" data-run="(\d+)"/g)].map((m) => m[1]);
    expect(numbers).toEqual(['0', '1', '2']);
    const events = JSON.parse(
      /<script type="application\/json" id="events">(.*?)<\/script>/.exec(page)?.[1] ?? '[]',
    ) as { run: number; label: string }[];
    expect([...new Set(events.map((event) => event.run))]).toEqual([0, 1, 2]);
    expect(events.at(-1)?.label).toMatch(/^workers sequential /);
    expect(page).toContain('<li id="log-2-0">');
  });

  it('links nothing outside the page', () => {
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
