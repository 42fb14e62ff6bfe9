/**
 * Start-up time: the median wall time of `async-demos list` and `--version` next to `node -e 0`.
 * Run: `npm run build && npx tsx bench/startup.ts`.
 */
import { spawnSync } from 'node:child_process';

const bin = new URL('../bin/async-demos.js', import.meta.url).pathname;
const runs = Number(process.env.RUNS ?? 21);
const commands: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['async-demos --version', [bin, '--version']],
  ['async-demos list', [bin, 'list']],
];

for (const [label, args] of commands) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    spawnSync('node', args, { stdio: 'ignore' });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? NaN;
  console.log(
    `${label.padEnd(24)} median ${median.toFixed(1)} ms  (min ${times[0]?.toFixed(1)}, max ${times.at(-1)?.toFixed(1)}, ${runs} runs)`,
  );
}
