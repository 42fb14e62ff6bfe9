// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers of DESIGN.md, each importing only those below it:
 * main > cli > render > demos > primitives > server > engine. The registry (demos/index.ts)
 * gathers the demos for the command line; a demo imports no other demo; src/index.ts is the
 * library's public face. Each zone lists what its files may not import.
 */
const ABOVE = {
  './src/engine': ['./src/primitives', './src/server', './demos', './src/render', './src/cli'],
  './src/server': ['./src/primitives', './demos', './src/render', './src/cli'],
  './src/primitives': ['./demos', './src/render', './src/cli', './src/server'],
  './demos': ['./src/render', './src/cli'],
  // Types of the server's shapes (endpoints, counts) are what the serve banner draws.
  './src/render': ['./demos', './src/cli', './src/primitives'],
};
const DEMOS = [
  'await',
  'breakfast',
  'cpu-vs-io',
  'errors',
  'fetch',
  'pitfalls',
  'producer-consumer',
  'semaphore',
  'timeouts',
  'workers',
];
const layerZones = [
  ...Object.entries(ABOVE).map(([target, from]) => ({ target, from })),
  // A demo imports its own folder, never another demo (the registry imports them all).
  ...DEMOS.map((name) => ({
    target: [`./demos/${name}.ts`, `./demos/${name}/**`],
    from: './demos',
    except: [`./${name}.ts`, `./${name}`],
  })),
];

export default tseslint.config(
  { ignores: ['dist/', '.reports/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Template literals with numbers are how durations are printed here.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // A no-op listener or spinner is clearer as `() => {}` than as a named function.
      '@typescript-eslint/no-empty-function': ['error', { allow: ['arrowFunctions', 'methods'] }],
    },
  },
  {
    files: ['src/**/*.ts', 'demos/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      // Imports name the compiled `.js`; the TypeScript resolver finds the `.ts` source.
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
