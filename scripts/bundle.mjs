// The command as users run it: our own modules bundled into a few files (packages stay in
// node_modules), split where the program loads a part on demand, so that start-up reads a
// handful of files instead of fifty. The library (`exports`) stays tsc's output in dist/src/.
import { build } from 'esbuild';

await build({
  // The fetch demo's server thread loads its program from a file beside the chunk that starts it.
  entryPoints: { main: 'src/main.ts', 'server-worker': 'src/server/server-worker.ts' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
