/**
 * Throughput of the fetch demo against its local server: COUNT requests (10,000) that each answer
 * after 1 s times SCALE (0.01: 10 ms), concurrent at limits of 10, 100 and 1,000 in flight. Prints
 * requests per second and the time over the ideal (whole rounds of the limit).
 * Run: `npx tsx bench/fetch.ts` or `npm run bench:fetch`; REPEATS, COUNT, SCALE and LIMITS
 * (comma-separated) change the defaults.
 */
import fetchDemo, { fetchOptions, type FetchOptions } from '../demos/fetch/index.js';
import { defaultOptions } from '../src/engine/demo.js';
import { formatCount, formatDuration } from '../src/engine/format.js';
import { runDemo } from '../src/engine/lifecycle.js';
import { startServer } from '../src/server/server.js';

const count = Number(process.env.COUNT ?? 10_000);
const scale = Number(process.env.SCALE ?? 0.01);
const repeats = Number(process.env.REPEATS ?? 1);
const limits = (process.env.LIMITS ?? '10,100,1000').split(',').map(Number);

const server = await startServer({ scale });
const base: FetchOptions = {
  ...defaultOptions(fetchOptions),
  urls: [{ url: new URL('/delay/1', server.url), name: '/delay/1', delayMs: 1000 }],
  count,
};
console.log(
  `${formatCount(count)} requests of ${formatDuration(1000 * scale)} each, concurrent, ` +
    `against ${server.url} (node ${process.version})`,
);
try {
  for (const limit of limits) {
    for (let i = 0; i < repeats; i++) await measure({ ...base, limit });
  }
} finally {
  await server.close();
}

async function measure(options: FetchOptions): Promise<void> {
  const connectionsBefore = server.counts().connections;
  server.resetPeak();
  const [run] = await runDemo({
    demo: fetchDemo,
    options,
    variants: ['concurrent'],
    scale,
    seed: 1,
  });
  if (!run) throw new Error('the concurrent variant did not run');
  const ideal = run.idealMs ?? Number.NaN;
  const rounds = Math.ceil(count / (options.limit ?? count));
  const overhead = run.elapsedMs - ideal;
  const { requestsPerSecond, failed, failures } = run.stats;
  console.log(
    `limit ${String(options.limit).padStart(5)}  ` +
      `measured ${formatDuration(run.elapsedMs).padStart(9)}  ideal ${formatDuration(ideal).padStart(9)}  ` +
      `over ${formatDuration(overhead).padStart(9)} (${formatDuration(overhead / rounds)} a round)  ` +
      `${formatCount(Number(requestsPerSecond))} req/s (ideal ${formatCount(Math.round(count / (ideal / 1000)))})  ` +
      `failed ${JSON.stringify(failed)} ${JSON.stringify(failures)}  server peak ${server.counts().peakInFlight}  ` +
      `connections ${server.counts().connections - connectionsBefore}`,
  );
}
