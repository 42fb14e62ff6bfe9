// Build step: the source of every demo variant's run(), taken from demos/ with the TypeScript
// compiler API, and the asyncio twin python/<demo>.py when there is one, into
// generated/code.json, read by `--code`. Nothing of typescript is loaded at run time.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** `run: runGroup`: the function declared under that name in the same file. */
function namedFunction(source, name) {
  return source.statements.find((s) => ts.isFunctionDeclaration(s) && s.name?.text === name);
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
              const named =
                ts.isPropertyAssignment(run) && ts.isIdentifier(run.initializer)
                  ? namedFunction(source, run.initializer.text)
                  : undefined;
              const code = named
                ? `${sourceOf(run, source)}\n\n${sourceOf(named, source)}`
                : sourceOf(run, source);
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
