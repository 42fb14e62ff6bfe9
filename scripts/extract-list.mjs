// Build step: what `async-demos list` shows (names, summaries, variants, which are opt-in), taken
// from the compiled registry into generated/list.json, so that `list` answers without loading
// every demo and the command-line program. test/cli/quick-list.test.ts checks it is up to date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { URL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const { registry } = await import(join(root, 'dist/demos/index.js'));
const { listRows } = await import(join(root, 'dist/src/render/list.js'));
mkdirSync(join(root, 'generated'), { recursive: true });
writeFileSync(join(root, 'generated', 'list.json'), `${JSON.stringify(listRows(registry))}\n`);
