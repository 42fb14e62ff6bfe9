import type { Reporter } from '../../engine/reporter.js';
import { renderHtmlPage } from '../../render/html.js';
import { fileReporter } from './file.js';

/** `--html <file>`: one self-contained page of everything measured, and the code that ran. */
export function htmlReporter(file: string): Reporter {
  let code: Record<string, string> | undefined;
  const writer = fileReporter(file, 'the HTML report', ({ demo, scale, seed }, runs) =>
    renderHtmlPage({
      demo: demo.name,
      summary: demo.summary,
      scale,
      seed,
      runs,
      ...(code ? { code } : {}),
    }),
  );
  return {
    ...writer,
    async onPrepare({ demo, variants }) {
      const { codeBlocks } = await import('../code.js');
      // A build without generated/code.json still writes the page, without its code.
      code = await codeBlocks(demo, variants).catch(() => undefined);
    },
  };
}
