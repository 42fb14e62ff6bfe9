import { writeOutputFile } from '../output-file.js';
import type { DemoRunInfo, Reporter } from '../../engine/reporter.js';
import { renderTrace } from '../../render/trace.js';

/**
 * `--trace <file>`: a Chrome trace of everything measured, written once the demo has ended (also
 * after Ctrl-C, with what was measured).
 */
export function traceReporter(file: string): Reporter {
  let info: DemoRunInfo | undefined;
  return {
    onDemoStart(started) {
      info = started;
    },
    async onDemoEnd({ runs, started }) {
      if (!started || !info) return;
      const text = renderTrace({ demo: info.demo.name, scale: info.scale, seed: info.seed, runs });
      await writeOutputFile(file, 'the trace', text);
    },
  };
}
