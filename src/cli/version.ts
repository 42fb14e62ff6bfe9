import { readFileSync } from 'node:fs';

/** The version in package.json, found from here whether running from `src/cli/`, `dist/src/cli/` or the bundle in `dist/cli/`. */
export function readVersion(): string {
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
