// The command as users run it: our modules and the packages they use at start-up bundled into a
// few files, split where the program loads a part on demand, so that start-up reads a handful of
// files instead of sixty. The library (`exports`) stays tsc's output in dist/src/.
// `node scripts/bundle.mjs --analyze` also prints each chunk's size and its largest inputs.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import process from 'node:process';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

// Loaded on demand and large, or a loader of its own (tsx): left in node_modules.
const external = ['tsx', 'undici', 'cli-highlight', 'ora', 'playwright-core'];

// Packages that do real work when imported (string-width compiles Unicode regular expressions and
// builds an Intl.Segmenter, ~30 ms; chalk probes the terminal) though many commands never call
// them (`--help` does not measure text). Our imports of them get a stand-in that initialises the
// package on its first call. A `require` inside the bundle is what makes esbuild wrap a module in
// a lazy initialiser; an export the stand-in lacks fails the build, not the run.
const lazyPackages = {
  'string-width': 'default',
  'wrap-ansi': 'default',
  'cli-truncate': 'default',
  chalk: 'Chalk',
};

function standIn(name, exported) {
  const load = `let loaded;\nconst load = () => (loaded ??= require(${JSON.stringify(name)}));\n`;
  if (exported === 'default') {
    return `${load}export default function lazy(...args) {\n  return load().default(...args);\n}\n`;
  }
  // A constructor that returns an object makes `new` give that object: chalk's own Chalk does so.
  return `${load}export class ${exported} {\n  constructor(...args) {\n    return new (load().${exported})(...args);\n  }\n}\n`;
}

const lazyImports = {
  name: 'lazy-imports',
  setup(builder) {
    const names = Object.keys(lazyPackages).join('|');
    builder.onResolve({ filter: new RegExp(`^(${names})$`) }, (args) => {
      const ours = /\/(src|demos)\//.test(args.importer) && args.kind === 'import-statement';
      return ours ? { path: args.path, namespace: 'lazy' } : undefined;
    });
    builder.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: standIn(args.path, lazyPackages[args.path]),
      resolveDir: process.cwd(),
    }));
    // cli-table3 measures every cell and border with string-width 4, whose emoji pattern takes
    // milliseconds to compile on first use. Printable ASCII, box drawing and a few punctuation
    // marks (colour codes aside) are one column each; anything else goes to the real one.
    builder.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer.includes('/node_modules/cli-table3/') && args.namespace === 'file'
        ? { path: args.importer, namespace: 'table-width' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'table-width' }, (args) => ({
      contents: String.raw`
        const narrow = /^[\x20-\x7e\u2500-\u257f\u00b7\u00d7\u2013\u2014\u2026]*$/;
        const colour = /\x1b\[[0-9;]*m/g;
        let loaded;
        module.exports = (text) => {
          const visible = typeof text === 'string' ? text.replace(colour, '') : null;
          if (visible !== null && narrow.test(visible)) return visible.length;
          return (loaded ??= require('string-width'))(text);
        };`,
      resolveDir: dirname(args.path),
    }));
    // chalk probes the terminal when it loads, for its default instance; we never use that guess:
    // every Chalk here is made with the level src/cli/terminal.ts decided.
    builder.onResolve({ filter: /^#supports-color$/ }, (args) =>
      args.importer.includes('/node_modules/chalk/')
        ? { path: 'supports-color', namespace: 'no-colour-guess' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'no-colour-guess' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
    }));
    // commander requires child_process at load time, for executable subcommands we never have.
    builder.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/')
        ? { path: 'child_process', namespace: 'lazy-child-process' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents:
        "let loaded;\nconst load = () => (loaded ??= require('node:child_process'));\n" +
        'module.exports = { spawn: (...args) => load().spawn(...args) };\n',
    }));
  },
};

const shared = {
  outdir: 'dist/cli',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  plugins: [lazyImports],
  // `--version` answers from this, not from reading package.json.
  define: { __ASYNC_DEMOS_VERSION__: JSON.stringify(version) },
  // CommonJS packages (commander, cli-table3) call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  sourcemap: true,
  logLevel: 'warning',
};

const result = await build({
  ...shared,
  entryPoints: { main: 'src/main.ts' },
  splitting: true,
  metafile: true,
});
// The fetch demo's server thread loads its program from a file beside the chunk that starts it:
// built on its own, so that the modules it shares with the command do not become chunks that
// every start-up must read.
await build({ ...shared, entryPoints: { 'server-worker': 'src/server/server-worker.ts' } });

writeFileSync('dist/cli/meta.json', JSON.stringify(result.metafile));
if (process.argv.includes('--analyze')) printChunks(result.metafile);

function printChunks(metafile) {
  const chunks = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.js'));
  for (const [file, output] of chunks.sort((a, b) => b[1].bytes - a[1].bytes)) {
    process.stdout.write(`${String(output.bytes).padStart(8)}  ${file}\n`);
    const inputs = Object.entries(output.inputs).sort(
      (a, b) => b[1].bytesInOutput - a[1].bytesInOutput,
    );
    for (const [input, { bytesInOutput }] of inputs.slice(0, 5)) {
      process.stdout.write(`${String(bytesInOutput).padStart(18)}  ${input}\n`);
    }
  }
}
