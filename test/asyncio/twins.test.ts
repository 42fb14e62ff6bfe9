import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registry } from '../../demos/index.js';
import { MAIN_TASK, ORDER_DIFFERENCES, type OrderDifference } from '../../src/engine/twin-order.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SCALE = '0.02';
const REPEATS = 3;
/** Each repeat starts Node and a python3 per variant: on a busy machine, seconds each. */
const TIMEOUT_MS = 90_000;

interface LogLine {
  atMs: number;
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

const lineName = (line: LogLine) => `${line.task ?? MAIN_TASK}:${line.message}`;
const lineTask = (line: LogLine) => `${line.task ?? MAIN_TASK}:log`;
const matches = (line: LogLine, prefixes: readonly string[]) =>
  prefixes.some((prefix) => lineName(line).startsWith(prefix));

/**
 * The order the test compares: the task of each line but those only this runtime records; with
 * `momentMs`, the tasks of each moment's lines as a sorted set, moment after moment; where the
 * interleaving is timing (`perTask`), the tasks and how many lines each logged, pooled tasks
 * counted as one.
 */
function order(
  logs: readonly LogLine[],
  only: readonly string[],
  { momentMs, perTask }: Pick<OrderDifference, 'momentMs' | 'perTask'>,
): string[] {
  const kept = logs.filter((line) => !matches(line, only));
  if (perTask) {
    const pool = (key: string) => perTask.pooled.find((prefix) => key.startsWith(prefix)) ?? key;
    const counts = new Map<string, number>();
    for (const key of kept.map(lineTask)) counts.set(pool(key), (counts.get(pool(key)) ?? 0) + 1);
    return [...counts].map(([key, count]) => `${key} ×${count}`).sort();
  }
  if (momentMs === undefined) return kept.map(lineTask);
  const moments: string[][] = [];
  let last = -Infinity;
  for (const line of kept) {
    if (line.atMs - last >= momentMs * Number(SCALE)) moments.push([]);
    moments.at(-1)?.push(lineTask(line));
    last = line.atMs;
  }
  return moments.map((moment) => moment.sort().join(' + '));
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
  return variants.map((variant) => {
    const differences = ORDER_DIFFERENCES.filter((d) => d.demo === demo && d.variant === variant);
    const twinOnly = differences.flatMap((d) => d.twinOnly ?? []);
    const nodeOnly = differences.flatMap((d) => d.nodeOnly ?? []);
    const momentMs = differences.find((d) => d.momentMs !== undefined)?.momentMs;
    const perTask = differences.find((d) => d.perTask)?.perTask;
    const how = {
      ...(momentMs === undefined ? {} : { momentMs }),
      ...(perTask ? { perTask } : {}),
    };
    const node = document.runs.find((r) => r.variant === variant)?.logs ?? [];
    const twin = document.asyncio.find((r) => r.variant === variant)?.logs ?? [];
    // A listed line that never shows is a stale entry.
    const missing = [
      ...twinOnly.filter((only) => !twin.some((line) => matches(line, [only]))),
      ...nodeOnly.filter((only) => !node.some((line) => matches(line, [only]))),
    ];
    return {
      variant,
      node: order(node, nodeOnly, how),
      twin: order(twin, twinOnly, how),
      missing,
    };
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
    it(`${demo} (${variants.join(', ')}), ${REPEATS} times`, { timeout: 2 * TIMEOUT_MS }, () => {
      // Both runtimes run on real timers: a machine busy enough to stall one timer past the next
      // (20 ms at this scale) reorders a run, so a run that differs is tried again, up to
      // REPEATS more times in all; a real difference of order shows in every attempt.
      const matched = new Map(variants.map((variant) => [variant, 0]));
      let lastDifference: { variant: string; node: string[]; twin: string[] } | undefined;
      for (let attempt = 0; attempt < 2 * REPEATS; attempt++) {
        const pending = variants.filter((variant) => (matched.get(variant) ?? 0) < REPEATS);
        if (pending.length === 0) break;
        for (const { variant, node, twin, missing } of orders(demo, pending)) {
          expect(node.length, `${demo} ${variant}`).toBeGreaterThan(0);
          expect(missing, `${demo} ${variant}: listed lines never logged`).toEqual([]);
          if (JSON.stringify(twin) === JSON.stringify(node)) {
            matched.set(variant, (matched.get(variant) ?? 0) + 1);
          } else {
            lastDifference = { variant, node, twin };
          }
        }
      }
      for (const variant of variants) {
        if ((matched.get(variant) ?? 0) >= REPEATS) continue;
        expect(lastDifference?.twin, `${demo} ${variant}`).toEqual(lastDifference?.node);
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
