import { formatSpeedup } from '../engine/format.js';
import { escapeHtml } from './html-escape.js';
import { renderDemoBody, renderPageShell, stepEvents, type StepEvent } from './html.js';
import type { DemoSummary, TourDemoResult } from './tour-summary.js';

export interface TourPageParts {
  scale: number;
  seed: number;
  interrupted: boolean;
  results: readonly TourDemoResult[];
  summary: readonly DemoSummary[];
}

const TOUR_CSS = `
section.demo{border-top:3px solid #333;margin-top:32px;padding-top:4px}
section.demo>h2.demo-title{font-size:26px}
.lesson{font-style:italic}
nav.contents a{margin-right:14px}
.tour-summary .text{text-align:left}
`;

/**
 * The tour as one page: a section per demo (its variants on its own time axis, its comparison),
 * the summary at the end, and one event cursor that steps through every demo in turn.
 */
export function renderTourHtmlPage(parts: TourPageParts): string {
  const { scale, seed, results } = parts;
  const sections: string[] = [];
  const events: StepEvent[] = [];
  // The cursor finds a run's chart by its number on the page.
  let firstRun = 0;
  for (const { demo, runs } of results) {
    const lesson = demo.lesson ? `<p class="lesson">${escapeHtml(demo.lesson)}</p>` : '';
    sections.push(
      `<section class="demo" id="demo-${escapeHtml(demo.name)}"><h2 class="demo-title">${escapeHtml(demo.name)}</h2><p class="summary">${escapeHtml(demo.summary)}</p>${lesson}` +
        renderDemoBody({ demo: demo.name, scale, seed, runs }, firstRun) +
        '</section>',
    );
    for (const event of stepEvents(runs, firstRun)) {
      events.push({ ...event, label: `${demo.name} ${event.label}` });
    }
    firstRun += runs.length;
  }
  const contents = results
    .map(({ demo }) => `<a href="#demo-${escapeHtml(demo.name)}">${escapeHtml(demo.name)}</a>`)
    .join('');
  const stopped = parts.interrupted ? ' (stopped by Ctrl-C)' : '';
  return renderPageShell({
    title: 'async-demos tour',
    intro: `<p class="summary">${results.length} demos, scale ${scale}, seed ${seed}${stopped}</p><nav class="contents">${contents}</nav>`,
    body: `${sections.join('\n')}\n<section id="tour-summary"><h2>Tour summary</h2>${summaryTable(parts.summary)}</section>`,
    events,
    css: TOUR_CSS,
  });
}

function summaryTable(rows: readonly DemoSummary[]): string {
  const body = rows.map((row) => {
    const status = row.status === 'ran' ? '' : ` (${row.status})`;
    const compared = row.headlines.map(({ slowest, fastest, by }) =>
      escapeHtml(`${slowest} vs ${fastest}${by ? `, by ${by.label}` : ''}`),
    );
    const speedups = row.headlines.map(({ speedup }) =>
      speedup === null ? '—' : formatSpeedup(speedup),
    );
    return `<tr><td>${escapeHtml(row.demo)}${status}</td><td class="text">${compared.join('<br>') || '—'}</td><td>${speedups.join('<br>') || '—'}</td><td class="text">${escapeHtml(row.lesson ?? '')}</td></tr>`;
  });
  return `<table class="comparison tour-summary"><thead><tr><th>Demo</th><th class="text">Slowest vs fastest</th><th>Speedup</th><th class="text">Lesson</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}
