import { writeOutputFile } from '../output-file.js';
import type { DemoRunInfo, Reporter } from '../../engine/reporter.js';
import type { RunResult } from '../../engine/run-result.js';

/**
 * A reporter that writes one file once the demo has ended (also after Ctrl-C, with what was
 * measured): `--trace`, `--html`. `what` names the file in an error.
 */
export function fileReporter(
  file: string,
  what: string,
  render: (info: DemoRunInfo, runs: readonly RunResult[]) => string,
): Reporter {
  let info: DemoRunInfo | undefined;
  return {
    onDemoStart(started) {
      info = started;
    },
    async onDemoEnd({ runs, started }) {
      if (!started || !info) return;
      await writeOutputFile(file, what, render(info, runs));
    },
  };
}
