/**
 * The fetch demo's client against bare undici (and aiohttp when python3 has it), all against one
 * `async-demos serve` started here, in two workloads: 10,000 requests that answer at once, and
 * 1,000 that answer after 100 ms, both at 100 in flight. Each client runs in a process of its
 * own, the clients in turn within each repeat (interleaved), and the figures are medians.
 * Run: `npm run bench:fetch` (it builds first); REPEATS (5) changes the number of repeats.
 */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { formatCount } from '../src/engine/format.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const repeats = Number(process.env.REPEATS ?? 5);
const IN_FLIGHT = 100;

interface Workload {
  title: string;
  path: string;
  count: number;
}
const workloads: Workload[] = [
  { title: '10,000 zero-delay requests', path: '/delay/0', count: 10_000 },
  { title: '1,000 requests of 100 ms', path: '/delay/0.1', count: 1_000 },
];

interface Sample {
  ms: number;
  ok: number;
  failed: number;
}
type Client = (url: string, count: number) => Promise<Sample>;

/** The demo as users run it: the built command, its concurrent variant, its own measured time. */
const demoClient: Client = async (url, count) => {
  const argv = ['bin/async-demos.js', 'fetch', '--concurrent', '--url', url, '--json'];
  const { stdout } = await run(
    process.execPath,
    [...argv, '--count', String(count), '--limit', String(IN_FLIGHT)],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  );
  const [measured] = (
    JSON.parse(stdout) as { runs: { elapsedMs: number; stats: { ok: number; failed: number } }[] }
  ).runs;
  if (!measured) throw new Error('the demo recorded no run');
  return { ms: measured.elapsedMs, ok: measured.stats.ok, failed: measured.stats.failed };
};

const bareUndici: Client = async (url, count) => {
  const argv = ['--import', 'tsx', 'bench/fetch_undici.ts', url, String(count), String(IN_FLIGHT)];
  const { stdout } = await run(process.execPath, argv, { cwd: root });
  return JSON.parse(stdout) as Sample;
};

const aiohttp: Client = async (url, count) => {
  const argv = ['bench/fetch_aiohttp.py', url, String(count), String(IN_FLIGHT)];
  const { stdout } = await run('python3', argv, { cwd: root });
  return JSON.parse(stdout) as Sample;
};

async function hasAiohttp(): Promise<boolean> {
  try {
    await run('python3', ['-c', 'import aiohttp']);
    return true;
  } catch {
    return false;
  }
}

/** `async-demos serve` on a free port, in a process of its own; resolves with its address. */
async function startServe(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['bin/async-demos.js', 'serve', '--port', '0', '--quiet', '--no-color'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (code ${code}) before listening`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGINT');
      await exited;
      process.off('exit', killOnExit);
    },
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const clients: [string, Client][] = [
  ['demo client', demoClient],
  ['bare undici', bareUndici],
];
const withAiohttp = await hasAiohttp();
if (withAiohttp) clients.push(['aiohttp', aiohttp]);

const serve = await startServe();
console.log(
  `fetch against one async-demos serve (${serve.url}), ${IN_FLIGHT} in flight, node ` +
    `${process.version}, ${repeats} interleaved repeats, medians`,
);
if (!withAiohttp) console.log("aiohttp: not run, python3 -c 'import aiohttp' fails here");
try {
  for (const workload of workloads) await measure(workload);
} finally {
  await serve.stop();
}

async function measure({ title, path, count }: Workload): Promise<void> {
  const url = `${serve.url}${path}`;
  const samples = new Map<string, number[]>(clients.map(([name]) => [name, []]));
  for (let i = 0; i < repeats; i++) {
    for (const [name, client] of clients) {
      const sample = await client(url, count);
      if (sample.ok !== count) {
        throw new Error(`${name}: ${sample.ok} of ${count} succeeded, ${sample.failed} failed`);
      }
      samples.get(name)?.push(sample.ms);
    }
  }
  console.log(`\n${title} (${url})`);
  const medians = new Map<string, number>();
  for (const [name, times] of samples) {
    const ms = median(times);
    medians.set(name, ms);
    const all = times.map((t) => Math.round(t)).join(', ');
    console.log(
      `  ${name.padEnd(12)} ${formatCount(Math.round(count / (ms / 1000))).padStart(7)} req/s ` +
        `${formatCount(Math.round(ms)).padStart(6)} ms   (runs: ${all} ms)`,
    );
  }
  const demo = medians.get('demo client') ?? Number.NaN;
  const bare = medians.get('bare undici') ?? Number.NaN;
  const python = medians.get('aiohttp');
  const ratios = [`demo / bare undici ${(bare / demo).toFixed(2)}× req/s`];
  if (python !== undefined) ratios.push(`demo / aiohttp ${(python / demo).toFixed(2)}× req/s`);
  console.log(`  ${ratios.join(' · ')}`);
}
