import { readFileSync } from 'node:fs';

/** Set by the bundle (scripts/bundle.mjs); absent when running tsc's output or the sources. */
declare const __ASYNC_DEMOS_VERSION__: string | undefined;

/** The version in package.json, found from here whether running from `src/cli/`, `dist/src/cli/` or the bundle in `dist/cli/`. */
export function readVersion(): string {
  if (typeof __ASYNC_DEMOS_VERSION__ === 'string') return __ASYNC_DEMOS_VERSION__;
  for (const path of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const text = readFileSync(new URL(path, import.meta.url), 'utf8');
      const pkg = JSON.parse(text) as { name?: string; version?: string };
      if (pkg.name === 'async-demos' && pkg.version) return pkg.version;
    } catch {
      // not at this level
    }
  }
  return '0.0.0';
}
