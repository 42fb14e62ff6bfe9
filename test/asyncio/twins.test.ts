import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAIN_TASK, ORDER_DIFFERENCES } from '../../src/engine/twin-order.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SCALE = '0.02';
const REPEATS = 3;
const TWINS: Record<string, readonly string[]> = {
  breakfast: ['blocking', 'sequential', 'concurrent'],
  workers: ['sequential', 'concurrent'],
};

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

function nodeOrder(demo: string, variant: string): string[] {
  const text = run('node', [
    'bin/async-demos.js',
    demo,
    `--${variant}`,
    '--scale',
    SCALE,
    '--json',
  ]);
  const document = JSON.parse(text) as { runs: { logs: LogLine[] }[] };
  return (document.runs[0]?.logs ?? []).map((line) => `${line.task ?? MAIN_TASK}:log`);
}

function twinOrder(demo: string, variant: string): string[] {
  const text = run('python3', [`python/${demo}.py`, variant, '--scale', SCALE, '--seed', '42']);
  const twinOnly = ORDER_DIFFERENCES.filter((d) => d.demo === demo && d.variant === variant);
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { task: string; kind: string; message: string | null })
    .filter((event) => event.kind === 'log')
    .filter((event) =>
      twinOnly.every(
        (d) => !d.twinOnly.some((only) => `${event.task}:${event.message}`.startsWith(only)),
      ),
    )
    .map((event) => `${event.task}:log`);
}

describe('every asyncio twin keeps the order of its Node demo', () => {
  for (const [demo, variants] of Object.entries(TWINS)) {
    for (const variant of variants) {
      it(`${demo} ${variant}, ${REPEATS} times`, () => {
        for (let i = 0; i < REPEATS; i++) {
          expect(twinOrder(demo, variant)).toEqual(nodeOrder(demo, variant));
        }
      });
    }
  }
});
