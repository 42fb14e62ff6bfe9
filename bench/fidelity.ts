/**
 * Timing fidelity of the built command: for each demo and scale, runs `--json` several times and
 * prints the median of measured minus ideal per variant, next to the budget of the quality targets
 * (2 ms + 1% of the ideal). Run: `npm run build && npx tsx bench/fidelity.ts [demo…]`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { JsonDocument } from '../src/render/json.js';

const run = promisify(execFile);
const bin = new URL('../bin/async-demos.js', import.meta.url).pathname;
const scales = [1, 0.1, 0.01];
const repeats = Number(process.env.REPEATS ?? 3);
const demos = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['breakfast'];

for (const demo of demos) {
  for (const scale of scales) {
    const overheads = new Map<string, number[]>();
    const ideals = new Map<string, number>();
    for (let i = 0; i < repeats; i++) {
      const { stdout } = await run('node', [bin, demo, '--scale', String(scale), '--json'], {
        maxBuffer: 256 * 1024 * 1024,
      });
      const document = JSON.parse(stdout) as JsonDocument;
      for (const { variant, elapsedMs, idealMs } of document.runs) {
        if (idealMs === null) continue;
        ideals.set(variant, idealMs);
        overheads.set(variant, [...(overheads.get(variant) ?? []), elapsedMs - idealMs]);
      }
    }
    for (const [variant, values] of overheads) {
      const ideal = ideals.get(variant) ?? 0;
      const median = values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
      const budget = 2 + ideal / 100;
      const verdict = Math.abs(median) <= budget ? 'ok' : 'OVER';
      console.log(
        `${demo.padEnd(18)} scale ${String(scale).padEnd(5)} ${variant.padEnd(16)} ` +
          `ideal ${ideal.toFixed(0).padStart(6)} ms  measured−ideal ${median.toFixed(2).padStart(6)} ms ` +
          `(max ${Math.max(...values).toFixed(2)})  budget ${budget.toFixed(2)} ms  ${verdict}`,
      );
    }
  }
}
