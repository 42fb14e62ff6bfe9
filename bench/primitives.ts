/**
 * Throughput of the primitives, side by side in one process, interleaved and repeated (medians of
 * REPEATS runs, 5 by default):
 * - Semaphore vs p-limit: 10k, 100k and 1M tasks at limit 10, each an async function that holds its
 *   permit across one `await` of a shared, already resolved promise (a microtask, the cheapest
 *   real await), the same function in both.
 * - BoundedQueue "stream": 1 producer, 4 consumers, 1M items through a queue of capacity 100.
 * - BoundedQueue "putters": 100k producers putting one item each at once into a queue of capacity
 *   10 (so about 100k putters wait), 4 consumers draining it.
 * - With python3 on the PATH, the same work with asyncio.Semaphore (whose tasks `await
 *   asyncio.sleep(0)`) and asyncio.Queue, from bench/asyncio_semaphore.py and asyncio_queue.py.
 * Run: `npx tsx bench/primitives.ts` or `npm run bench:primitives`; REPEATS, SIZES (comma-separated),
 * ITEMS and PUTTERS change the defaults; ASYNCIO=0 skips Python. CLOCK=cpu times each run by the
 * CPU time the process spent (`process.cpuUsage`, Python's `time.process_time`) instead of the
 * wall clock: on a machine other jobs keep busy, wall time mostly measures their share.
 */
import { spawnSync } from 'node:child_process';
import pLimit from 'p-limit';
import { BoundedQueue } from '../src/primitives/queue.js';
import { Semaphore } from '../src/primitives/semaphore.js';

const LIMIT = 10;
const CONSUMERS = 4;
const repeats = Number(process.env.REPEATS ?? 5);
const sizes = (process.env.SIZES ?? '10000,100000,1000000').split(',').map(Number);
const items = Number(process.env.ITEMS ?? 1_000_000);
const putters = Number(process.env.PUTTERS ?? 100_000);
const python = process.env.ASYNCIO !== '0' && hasPython();
const cpuClock = process.env.CLOCK === 'cpu';

/** Seconds on the chosen clock: the wall clock, or the CPU time of this process. */
function clockSeconds(): number {
  if (!cpuClock) return performance.now() / 1000;
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** The work of every task: hold the permit across one await of a promise already resolved. */
const resolved = Promise.resolve();
const task = async (): Promise<void> => {
  await resolved;
};

async function ours(count: number): Promise<void> {
  const semaphore = new Semaphore(LIMIT);
  await Promise.all(Array.from({ length: count }, () => semaphore.use(task)));
}

async function theirs(count: number): Promise<void> {
  const limit = pLimit(LIMIT);
  await Promise.all(Array.from({ length: count }, () => limit(task)));
}

const STOP = Symbol('stop');
type Item = number | typeof STOP;

async function consume(queue: BoundedQueue<Item>): Promise<void> {
  while ((await queue.get()) !== STOP);
}

async function stream(count: number): Promise<void> {
  const queue = new BoundedQueue<Item>(100);
  const produce = async () => {
    for (let i = 0; i < count; i++) await queue.put(i);
    for (let i = 0; i < CONSUMERS; i++) await queue.put(STOP);
  };
  await Promise.all([produce(), ...Array.from({ length: CONSUMERS }, () => consume(queue))]);
}

async function manyPutters(count: number): Promise<void> {
  const queue = new BoundedQueue<Item>(10);
  const produceAll = async () => {
    await Promise.all(Array.from({ length: count }, (_, i) => queue.put(i)));
    for (let i = 0; i < CONSUMERS; i++) await queue.put(STOP);
  };
  await Promise.all([produceAll(), ...Array.from({ length: CONSUMERS }, () => consume(queue))]);
}

async function seconds(run: () => Promise<void>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = clockSeconds();
  await run();
  return clockSeconds() - start;
}

function hasPython(): boolean {
  return spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0;
}

function asyncio(script: string, args: (string | number)[]): Record<string, number> {
  const path = new URL(script, import.meta.url).pathname;
  const result = spawnSync('python3', [path, ...args.map(String)], {
    encoding: 'utf8',
    env: { ...process.env, CLOCK: cpuClock ? 'cpu' : 'wall' },
  });
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, number>;
}

const times = new Map<string, number[]>();
function record(key: string, value: number | undefined): void {
  if (value === undefined) return;
  times.set(key, [...(times.get(key) ?? []), value]);
}
function median(key: string): number {
  const sorted = [...(times.get(key) ?? [])].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

console.log(
  `node ${process.version}, ${repeats} repeats (medians), limit ${LIMIT}, ${CONSUMERS} consumers, ` +
    (cpuClock ? 'CPU time' : 'wall time') +
    (python ? '' : ', no python3: asyncio skipped'),
);
for (let r = 0; r < repeats; r++) {
  for (const size of sizes) {
    // Alternate who goes first, so neither always runs on a warmer or dirtier heap.
    const order = r % 2 === 0 ? [ours, theirs] : [theirs, ours];
    for (const run of order) {
      record(`${run === ours ? 'ours' : 'p-limit'} ${size}`, await seconds(() => run(size)));
    }
  }
  record('ours stream', await seconds(() => stream(items)));
  record('ours putters', await seconds(() => manyPutters(putters)));
  if (python) {
    const semaphore = asyncio('asyncio_semaphore.py', sizes);
    for (const size of sizes) record(`asyncio ${size}`, semaphore[String(size)]);
    const queue = asyncio('asyncio_queue.py', [items, putters]);
    record('asyncio stream', queue.stream);
    record('asyncio putters', queue.putters);
  }
  process.stderr.write(`repeat ${r + 1}/${repeats} done\n`);
}

const mops = (count: number, key: string) => (count / median(key) / 1e6).toFixed(3);
const ratio = (a: string, b: string) => (median(b) / median(a)).toFixed(2);
const rows: string[][] = [
  ['', 'ours M/s', 'p-limit M/s', 'asyncio M/s', 'ours/p-lim', 'ours/asyncio'],
];
for (const size of sizes) {
  rows.push([
    `semaphore ${size.toLocaleString('en-US')}`,
    mops(size, `ours ${size}`),
    mops(size, `p-limit ${size}`),
    python ? mops(size, `asyncio ${size}`) : '-',
    ratio(`ours ${size}`, `p-limit ${size}`),
    python ? ratio(`ours ${size}`, `asyncio ${size}`) : '-',
  ]);
}
for (const [name, count] of [
  ['stream', items],
  ['putters', putters],
] as const) {
  rows.push([
    `queue ${name} ${count.toLocaleString('en-US')}`,
    mops(count, `ours ${name}`),
    '-',
    python ? mops(count, `asyncio ${name}`) : '-',
    '-',
    python ? ratio(`ours ${name}`, `asyncio ${name}`) : '-',
  ]);
}
const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
for (const row of rows) {
  const cells = row.map((cell, i) =>
    i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
  );
  console.log(cells.join('  '));
}
const [small, large] = [sizes.at(-2), sizes.at(-1)];
if (small !== undefined && large !== undefined) {
  for (const who of ['ours', 'p-limit', ...(python ? ['asyncio'] : [])]) {
    const growth = median(`${who} ${large}`) / median(`${who} ${small}`);
    console.log(`${who}: time(${large})/time(${small}) = ${growth.toFixed(2)}`);
  }
}
