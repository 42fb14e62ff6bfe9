// Build step: the source of every demo variant's run(), taken from demos/ with the TypeScript
// compiler API, and the asyncio twin python/<demo>.py when there is one, into
// generated/code.json, read by `--code`. Nothing of typescript is loaded at run time.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { URL } from 'node:url';
import process from 'node:process';

const root = new URL('..', import.meta.url).pathname;

function tsFiles(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function propertyName(node) {
  return node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))
    ? node.name.text
    : undefined;
}

function property(object, name) {
  return object.properties.find((p) => propertyName(p) === name);
}

/** The node's source, its lines after the first moved left by the column the node starts at. */
function sourceOf(node, source) {
  const column = source.getLineAndCharacterOfPosition(node.getStart(source)).character;
  const [first, ...rest] = node.getText(source).split('\n');
  return [first, ...rest.map((line) => line.slice(Math.min(column, line.search(/\S|$/))))].join(
    '\n',
  );
}

/**
 * The function declared under `name` in the same file, or in the demo's own module it is
 * imported from (`import { forgottenAwait } from './forgotten-await.js'`): its node and source.
 */
function namedFunction(source, name) {
  if (name === undefined) return undefined;
  const declared = source.statements.find(
    (s) => ts.isFunctionDeclaration(s) && s.name?.text === name,
  );
  if (declared) return { node: declared, source };
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      continue;
    const specifier = statement.moduleSpecifier.text;
    const bindings = statement.importClause?.namedBindings;
    if (!specifier.startsWith('./') || !bindings || !ts.isNamedImports(bindings)) continue;
    if (!bindings.elements.some((element) => element.name.text === name)) continue;
    const file = join(dirname(source.fileName), specifier.replace(/\.js$/, '.ts'));
    if (!existsSync(file)) return undefined;
    const imported = ts.createSourceFile(
      file,
      readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    const node = imported.statements.find(
      (s) => ts.isFunctionDeclaration(s) && s.name?.text === name,
    );
    return node ? { node, source: imported } : undefined;
  }
  return undefined;
}

/**
 * The function a variant's run hands its work to: `run: runGroup`, or an arrow whose body is one
 * call, `run: (ctx) => runWorkers(ctx, 'sequential')`; undefined for a run written out.
 */
function calledName(initializer) {
  if (ts.isIdentifier(initializer)) return initializer.text;
  if (!ts.isArrowFunction(initializer)) return undefined;
  let body = initializer.body;
  if (ts.isAwaitExpression(body)) body = body.expression;
  return ts.isCallExpression(body) && ts.isIdentifier(body.expression)
    ? body.expression.text
    : undefined;
}

/**
 * The functions a run hands its work to, one after the other, while each is only a call to the
 * next (`runWith` → `runRequests`), so that `--code` shows where the work is written.
 */
function handedTo(source, initializer, depth = 0) {
  const named = namedFunction(source, calledName(initializer));
  if (!named || depth > 2) return named ? [named] : [];
  const statements = named.node.body?.statements ?? [];
  const [only] = statements;
  const next =
    statements.length === 1 && (ts.isReturnStatement(only) || ts.isExpressionStatement(only))
      ? only.expression
      : undefined;
  if (!next) return [named];
  const arrow = ts.factory.createArrowFunction(
    undefined,
    undefined,
    [],
    undefined,
    undefined,
    next,
  );
  return [named, ...handedTo(named.source, arrow, depth + 1)];
}

export function extractDemos(files) {
  const demos = {};
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'defineDemo' &&
        node.arguments[0] &&
        ts.isObjectLiteralExpression(node.arguments[0])
      ) {
        const definition = node.arguments[0];
        const name = property(definition, 'name');
        const variants = property(definition, 'variants');
        if (
          name &&
          ts.isPropertyAssignment(name) &&
          ts.isStringLiteral(name.initializer) &&
          variants
        ) {
          const entries = {};
          if (
            ts.isPropertyAssignment(variants) &&
            ts.isObjectLiteralExpression(variants.initializer)
          ) {
            for (const variant of variants.initializer.properties) {
              const key = propertyName(variant);
              if (!key || !ts.isPropertyAssignment(variant)) continue;
              if (!ts.isObjectLiteralExpression(variant.initializer)) continue;
              const run = property(variant.initializer, 'run');
              if (!run) continue;
              const chain = ts.isPropertyAssignment(run) ? handedTo(source, run.initializer) : [];
              const code = [run, ...chain.map((f) => f.node)]
                .map((node, i) => sourceOf(node, i === 0 ? source : chain[i - 1].source))
                .join('\n\n');
              entries[key] = { file: file.slice(root.length), code };
            }
          }
          demos[name.initializer.text] = { variants: entries };
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return demos;
}

export function addPythonTwins(demos, pythonDir) {
  for (const [name, demo] of Object.entries(demos)) {
    const path = join(pythonDir, `${name}.py`);
    if (existsSync(path))
      demo.python = { file: `python/${name}.py`, code: readFileSync(path, 'utf8').trimEnd() };
  }
  return demos;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const demos = addPythonTwins(extractDemos(tsFiles(join(root, 'demos'))), join(root, 'python'));
  mkdirSync(join(root, 'generated'), { recursive: true });
  writeFileSync(join(root, 'generated', 'code.json'), `${JSON.stringify(demos, null, 1)}\n`);
}
