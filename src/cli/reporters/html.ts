import type { Reporter } from '../../engine/reporter.js';
import { renderHtmlPage } from '../../render/html.js';
import { fileReporter } from './file.js';

/** `--html <file>`: one self-contained page of everything measured. */
export function htmlReporter(file: string): Reporter {
  return fileReporter(file, 'the HTML report', ({ demo, scale, seed }, runs) =>
    renderHtmlPage({ demo: demo.name, summary: demo.summary, scale, seed, runs }),
  );
}
