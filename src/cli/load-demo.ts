import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyDemo } from '../engine/demo.js';
import { errorMessage, UsageError } from '../engine/errors.js';
import { escapeControl } from '../engine/format.js';

const HINT = "see 'async-demos run --help'";
const TYPESCRIPT = /\.[cm]?tsx?$/;

/**
 * A user's demo module (`async-demos run <file>`): its default export must be a `defineDemo(...)`.
 * `.js` and `.mjs` load as they are, `.ts` through tsx (loaded only here, so that no other
 * command pays for it). Every way it can fail is one line and exit code 2.
 */
export async function loadDemoFile(file: string): Promise<AnyDemo> {
  const path = resolve(file);
  const shown = escapeControl(file);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new UsageError(`no file '${shown}' to run`, HINT);
  let module: { default?: unknown };
  try {
    const url = pathToFileURL(path).href;
    if (TYPESCRIPT.test(path)) {
      const { tsImport } = await import('tsx/esm/api');
      module = (await tsImport(url, import.meta.url)) as { default?: unknown };
    } else {
      module = (await import(url)) as { default?: unknown };
    }
  } catch (error) {
    throw new UsageError(`'${shown}' failed while loading: ${oneLine(errorMessage(error))}`, HINT);
  }
  const problem = whyNotADemo(module.default);
  if (problem) {
    throw new UsageError(
      `'${shown}' does not export a demo (${problem}): export default defineDemo({ … })`,
      HINT,
    );
  }
  return module.default as AnyDemo;
}

/** What a default export lacks to be a demo, or null when it is one. */
function whyNotADemo(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'no default export object';
  const demo = value as Partial<Record<keyof AnyDemo, unknown>>;
  if (typeof demo.name !== 'string' || !/^[a-z][a-z0-9-]*$/.test(demo.name)) {
    return 'its name must be lowercase words joined by -';
  }
  if (typeof demo.summary !== 'string') return 'it has no summary';
  if (typeof demo.options !== 'object' || demo.options === null) return 'it has no options object';
  const variants = demo.variants;
  if (typeof variants !== 'object' || variants === null || Object.keys(variants).length === 0) {
    return 'it has no variants';
  }
  for (const [name, variant] of Object.entries(variants)) {
    const { run, ideal } = (variant ?? {}) as { run?: unknown; ideal?: unknown };
    if (typeof run !== 'function' || typeof ideal !== 'function') {
      return `variant '${escapeControl(name)}' needs run() and ideal()`;
    }
  }
  return null;
}

function oneLine(text: string): string {
  return escapeControl(text.split('\n')[0] ?? '');
}
