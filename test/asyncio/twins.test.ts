import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registry } from '../../demos/index.js';
import { MAIN_TASK, ORDER_DIFFERENCES } from '../../src/engine/twin-order.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SCALE = '0.02';
const REPEATS = 3;

interface LogLine {
  task: string | null;
  message: string;
}

function run(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { cwd: root, encoding: 'utf8' });
  } catch (error) {
    throw new Error(`${command} failed (the asyncio twins need python3 3.11+): ${String(error)}`, {
      cause: error,
    });
  }
}

interface Document {
  runs: { variant: string; logs: LogLine[] }[];
  asyncio: { variant: string; logs: LogLine[] }[];
}

/** The order of log lines of each Node run and of its twin's run, from one `--asyncio --json`. */
function orders(demo: string, variants: readonly string[]) {
  const flags = variants.map((variant) => `--${variant}`);
  const text = run('node', [
    'bin/async-demos.js',
    demo,
    ...flags,
    '--asyncio',
    '--scale',
    SCALE,
    '--json',
  ]);
  const document = JSON.parse(text) as Document;
  const order = (logs: readonly LogLine[]) => logs.map((line) => `${line.task ?? MAIN_TASK}:log`);
  return variants.map((variant) => {
    const twinOnly = ORDER_DIFFERENCES.filter((d) => d.demo === demo && d.variant === variant);
    const kept = (line: LogLine) =>
      twinOnly.every(
        (d) =>
          !d.twinOnly.some((only) => `${line.task ?? MAIN_TASK}:${line.message}`.startsWith(only)),
      );
    const node = document.runs.find((r) => r.variant === variant)?.logs ?? [];
    const twin = document.asyncio.find((r) => r.variant === variant)?.logs ?? [];
    return { variant, node: order(node), twin: order(twin.filter(kept)) };
  });
}

const twins = registry.flatMap((demo) =>
  demo.asyncioTwin ? [{ demo: demo.name, variants: demo.asyncioTwin.variants }] : [],
);

describe('every asyncio twin keeps the order of its Node demo', () => {
  it('covers the demos that have a twin', () => {
    expect(twins.length).toBeGreaterThan(0);
  });

  for (const { demo, variants } of twins) {
    it(`${demo} (${variants.join(', ')}), ${REPEATS} times`, () => {
      for (let i = 0; i < REPEATS; i++) {
        for (const { variant, node, twin } of orders(demo, variants)) {
          expect(node.length, `${demo} ${variant}`).toBeGreaterThan(0);
          expect(twin, `${demo} ${variant}`).toEqual(node);
        }
      }
    });
  }

  it('lists only differences of twins that exist', () => {
    for (const difference of ORDER_DIFFERENCES) {
      const twin = twins.find((t) => t.demo === difference.demo);
      expect(twin?.variants).toContain(difference.variant);
    }
  });
});
