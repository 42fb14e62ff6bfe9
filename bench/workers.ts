/**
 * A million real workers, side by side: `async-demos workers --count 1000000 --scale 0.01
 * --concurrent --json`, the same million async functions in plain Node (bench/workers-bare.ts,
 * types stripped, no project code), and in asyncio (bench/workers_asyncio.py, when python3 is
 * present). Each under `/usr/bin/time -f '%e %M'`, interleaved, median of REPEATS (3) runs: wall
 * time and peak RSS, with ratios to bare Node.
 * Run: `npm run bench:workers` (COUNT, SCALE, REPEATS to change them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const count = Number(process.env.COUNT ?? 1_000_000);
const scale = Number(process.env.SCALE ?? 0.01);
const repeats = Number(process.env.REPEATS ?? 3);
const here = (file: string) => new URL(file, import.meta.url).pathname;

const bare = join(mkdtempSync(join(tmpdir(), 'workers-bench-')), 'workers-bare.mjs');
buildSync({
  entryPoints: [here('./workers-bare.ts')],
  outfile: bare,
  format: 'esm',
  platform: 'node',
});

interface Row {
  label: string;
  args: string[];
  /** Reads the run's stdout; throws if it did not finish every worker. */
  check(stdout: string): void;
  times: number[];
  rss: number[];
}

const finishedAll = (finished: unknown) => {
  if (finished !== count) throw new Error(`finished ${String(finished)} of ${count}`);
};
const rows: Row[] = [
  {
    label: 'async-demos workers',
    args: [
      'node',
      here('../bin/async-demos.js'),
      'workers',
      '--count',
      String(count),
      '--scale',
      String(scale),
      '--concurrent',
      '--json',
    ],
    check(stdout) {
      const json = JSON.parse(stdout) as { runs?: { stats?: Record<string, unknown> }[] };
      const stats = json.runs?.[0]?.stats ?? {};
      finishedAll(stats.finished);
      finishedAll(stats.workerCalls);
    },
    times: [],
    rss: [],
  },
  {
    label: 'bare Node',
    args: ['node', bare, String(count), String(scale)],
    check: (stdout) => finishedAll((JSON.parse(stdout) as { finished: unknown }).finished),
    times: [],
    rss: [],
  },
];
const python = spawnSync('python3', ['--version']).status === 0;
if (python) {
  rows.push({
    label: 'asyncio',
    args: ['python3', here('./workers_asyncio.py'), String(count), String(scale)],
    check: (stdout) => finishedAll((JSON.parse(stdout) as { finished: unknown }).finished),
    times: [],
    rss: [],
  });
}
if (!existsSync('/usr/bin/time')) throw new Error('needs /usr/bin/time (GNU time)');

for (let r = 0; r < repeats; r++) {
  for (const row of rows) {
    const run = spawnSync('/usr/bin/time', ['-f', '%e %M', ...row.args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`${row.label} failed: ${run.stderr}`);
    row.check(run.stdout);
    const [seconds, kilobytes] = (run.stderr.trim().split('\n').at(-1) ?? '').split(' ');
    row.times.push(Number(seconds));
    row.rss.push(Number(kilobytes) / 1024);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;
const base = rows[1];
const baseTime = median(base?.times ?? []);
const baseRss = median(base?.rss ?? []);
console.log(`${count.toLocaleString('en-US')} workers at --scale ${scale}, median of ${repeats}`);
for (const row of rows) {
  const time = median(row.times);
  const rss = median(row.rss);
  console.log(
    `${row.label.padEnd(20)} ${time.toFixed(2).padStart(6)} s  ${rss.toFixed(0).padStart(5)} MB` +
      `   ×${(time / baseTime).toFixed(2)} time  ×${(rss / baseRss).toFixed(2)} RSS`,
  );
}
