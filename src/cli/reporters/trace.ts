import type { Reporter } from '../../engine/reporter.js';
import { renderTrace } from '../../render/trace.js';
import { fileReporter } from './file.js';

/** `--trace <file>`: a Chrome trace of everything measured. */
export function traceReporter(file: string): Reporter {
  return fileReporter(file, 'the trace', ({ demo, scale, seed }, runs) =>
    renderTrace({ demo: demo.name, scale, seed, runs }),
  );
}
