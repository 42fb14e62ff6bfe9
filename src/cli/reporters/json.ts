import type { DemoRunInfo, Reporter } from '../../engine/reporter.js';
import { renderJson } from '../../render/json.js';
import type { OutputStream } from '../terminal.js';

/** `--json`: one document of everything measured, written once the demo has ended. */
export function jsonReporter(out: OutputStream): Reporter {
  let info: DemoRunInfo | undefined;
  return {
    onDemoStart(started) {
      info = started;
    },
    onDemoEnd({ runs, started }) {
      // Nothing ran (prepare failed or was stopped): the error line says why, no document.
      if (!started || !info) return;
      out.write(renderJson({ demo: info.demo.name, scale: info.scale, seed: info.seed, runs }));
    },
  };
}
