import { variantSummary, type AnyDemo } from '../../engine/demo.js';
import type { Reporter } from '../../engine/reporter.js';
import { renderVariantHeader } from '../../render/report.js';
import type { Theme } from '../../render/theme.js';
import { startSpinner, type Spinner } from '../spinner.js';
import type { Io } from '../terminal.js';
import { terminalReporter } from './terminal.js';

/**
 * A demo in the tour: the terminal's output without its live log (the charts keep the order of
 * events; the log would more than double the tour's length), but with each variant's line, what
 * it does and its ideal, which the terminal reporter prints only beside its log.
 */
export function compactReporters({ io, theme, width }: { io: Io; theme: Theme; width: number }) {
  let options: unknown;
  let demo: AnyDemo | undefined;
  const variantLines: Reporter = {
    onDemoStart(info) {
      demo = info.demo;
      options = info.options;
    },
    onVariantStart({ variant, idealMs }) {
      const definition = demo?.variants[variant];
      if (!definition) return;
      const summary = variantSummary(definition, options);
      io.out.write(renderVariantHeader(variant, summary, idealMs, theme, width));
    },
  };
  const terminal = terminalReporter({ out: io.out, err: io.err, theme, width, quiet: true });
  return [variantLines, terminal];
}

/** Under `tour --quiet`: a spinner on stderr while the demo runs (on a terminal only). */
export function progressReporter(io: Io, text: string): Reporter {
  let spinner: Spinner | undefined;
  return {
    async onPrepare() {
      spinner = await startSpinner(io.err, text, io.out.isTTY === true);
    },
    onDemoEnd() {
      spinner?.stop();
    },
  };
}
