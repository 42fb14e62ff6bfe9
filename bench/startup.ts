/**
 * Start-up time of the built command next to `node -e 0`, as ratios of medians measured in one
 * run, the commands interleaved so that the machine's load falls on all of them alike.
 * Run: `npm run bench:startup` (RUNS=21 by default).
 */
import { spawnSync } from 'node:child_process';

const bin = new URL('../bin/async-demos.js', import.meta.url).pathname;
const runs = Number(process.env.RUNS ?? 21);
const commands: [string, string[], number][] = [
  ['node -e 0', ['-e', '0'], 1],
  ['async-demos --version', [bin, '--version'], 1.3],
  ['async-demos --help', [bin, '--help'], 1.8],
  ['async-demos list', [bin, 'list'], 1.6],
  ['async-demos breakfast --help', [bin, 'breakfast', '--help'], 1.8],
];

const times = commands.map((): number[] => []);
for (let i = 0; i < runs; i++) {
  commands.forEach(([, args], j) => {
    const start = performance.now();
    spawnSync('node', args, { stdio: 'ignore' });
    times[j]?.push(performance.now() - start);
  });
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;
const anchor = median(times[0] ?? []);
commands.forEach(([label, , goal], j) => {
  const ms = median(times[j] ?? []);
  const ratio = ms / anchor;
  const verdict = j === 0 ? '' : ratio <= goal ? `ok (goal ≤ ${goal}×)` : `OVER (goal ≤ ${goal}×)`;
  console.log(
    `${label.padEnd(30)} ${ms.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}×  ${verdict}`,
  );
});
console.log(`medians of ${runs} interleaved runs`);
