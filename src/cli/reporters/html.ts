import { writeOutputFile } from '../output-file.js';
import type { DemoRunInfo, Reporter } from '../../engine/reporter.js';
import { renderHtmlPage } from '../../render/html.js';

/** `--html <file>`: one self-contained page, written once the demo has ended (also after Ctrl-C). */
export function htmlReporter(file: string): Reporter {
  let info: DemoRunInfo | undefined;
  return {
    onDemoStart(started) {
      info = started;
    },
    async onDemoEnd({ runs, started }) {
      if (!started || !info) return;
      const { demo, scale, seed } = info;
      const text = renderHtmlPage({ demo: demo.name, summary: demo.summary, scale, seed, runs });
      await writeOutputFile(file, 'the HTML report', text);
    },
  };
}
