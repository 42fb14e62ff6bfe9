// `--code`: the source of each chosen variant, extracted from demos/ at build time
// (scripts/extract-code.mjs), with the asyncio twin beside it or below it.
import { readFile } from 'node:fs/promises';
import type { AnyDemo } from '../engine/demo.js';
import { padEnd, truncate } from '../render/text.js';
import { inAsyncioBlock } from './program.js';
import { outputWidth, type Io } from './terminal.js';

interface Source {
  file: string;
  code: string;
}
export interface ExtractedDemo {
  variants: Record<string, Source>;
  python?: Source;
}

const GENERATED = new URL('../../generated/code.json', import.meta.url);

export async function loadExtracted(): Promise<Record<string, ExtractedDemo>> {
  return JSON.parse(await readFile(GENERATED, 'utf8')) as Record<string, ExtractedDemo>;
}

type Highlight = (code: string, language: string) => string;

/** The code block of each variant, then the Python twin: two columns from 100 columns up. */
export function layoutCode(
  demo: AnyDemo,
  variants: readonly string[],
  extracted: ExtractedDemo | undefined,
  width: number,
  highlight: Highlight,
): string {
  const fit = (code: string, language: string, columns: number) =>
    highlight(code, language)
      .split('\n')
      .map((line) => truncate(line, columns));
  const ts = variants.flatMap((name) => {
    const source = extracted?.variants[name];
    return [
      `── ${name} (${source?.file ?? 'source not extracted'})`,
      ...(source ? fit(source.code, 'typescript', width) : []),
      '',
    ];
  });
  const python = extracted?.python;
  const blocks: string[] = [];
  if (python && width >= 100) {
    const half = Math.floor((width - 3) / 2);
    const left = ts.map((line) => truncate(line, half));
    const right = [`── asyncio (${python.file})`, ...fit(python.code, 'python', half)];
    const rows = Math.max(left.length, right.length);
    for (let i = 0; i < rows; i++) {
      blocks.push(`${padEnd(left[i] ?? '', half)} │ ${right[i] ?? ''}`.trimEnd());
    }
  } else {
    blocks.push(...ts);
    if (python)
      blocks.push(`── asyncio (${python.file})`, ...fit(python.code, 'python', width), '');
  }
  if (demo.inAsyncio?.length) blocks.push('', inAsyncioBlock(demo.inAsyncio, Math.min(width, 80)));
  return `${blocks.join('\n')}\n\n`;
}

export async function renderCode(
  demo: AnyDemo,
  variants: readonly string[],
  io: Io,
  colour: boolean,
): Promise<string> {
  const extracted = (await loadExtracted())[demo.name];
  let highlight: Highlight = (code) => code;
  if (colour && io.out.isTTY === true) {
    const [{ highlight: cliHighlight }, { Chalk }] = await Promise.all([
      import('cli-highlight'),
      import('chalk'),
    ]);
    // Our own chalk: the highlighter's would guess the colours from process.stdout.
    const chalk = new Chalk({ level: 1 });
    const theme = {
      keyword: chalk.blue,
      built_in: chalk.cyan,
      string: chalk.green,
      template_string: chalk.green,
      number: chalk.magenta,
      literal: chalk.magenta,
      comment: chalk.gray,
      params: chalk.yellow,
      title: chalk.yellow,
    };
    highlight = (code, language) => cliHighlight(code, { language, ignoreIllegals: true, theme });
  }
  return layoutCode(demo, variants, extracted, outputWidth(io.out), highlight);
}

/**
 * The code `--code` shows, as blocks for the HTML report: each variant's TypeScript under its
 * name, the asyncio twin under `asyncio (python/<demo>.py)`, the "In asyncio" notes last.
 */
export async function codeBlocks(
  demo: AnyDemo,
  variants: readonly string[],
): Promise<Record<string, string>> {
  const extracted = (await loadExtracted())[demo.name];
  const blocks: Record<string, string> = {};
  for (const variant of variants) {
    const source = extracted?.variants[variant];
    if (source) blocks[`${variant} (${source.file})`] = source.code;
  }
  if (extracted?.python) blocks[`asyncio (${extracted.python.file})`] = extracted.python.code;
  if (demo.inAsyncio?.length) {
    blocks['In asyncio'] = demo.inAsyncio.map((note) => `- ${note}`).join('\n');
  }
  return blocks;
}
