// A million real async functions in plain Node, no project code: each awaits its own timer and
// returns its result; Promise.all gathers them. Durations: the workers demo's own draw (mulberry32,
// createRandom(seed).fork('workers').wholeMs(500, 3000)), times the scale.
// TypeScript only so that eslint's typed project covers it (the config lints no .mjs in bench/):
// bench/workers.ts strips the types with esbuild and runs the result with plain `node`.
// Run: npx tsx bench/workers-bare.ts [count=1000000] [scale=0.01] [seed=42]
const count = Number(process.argv[2] ?? 1_000_000);
const scale = Number(process.argv[3] ?? 0.01);
const seed = Number(process.argv[4] ?? 42);

interface Draws {
  wholeMs(min: number, max: number): number;
  fork(label: string): Draws;
}

function createRandom(seed: number): Draws {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
  return {
    wholeMs: (min: number, max: number) => Math.round(min + (max - min) * next()),
    fork: (label: string) => createRandom(hash(`${seed}:${label}`)),
  };
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const draws = createRandom(seed).fork('workers');
const ms = new Float64Array(count);
for (let i = 0; i < count; i++) ms[i] = draws.wholeMs(500, 3000) * scale;

async function worker(i: number): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, ms[i] ?? 0));
  return `worker-${String(i + 1).padStart(7, '0')}'s result`;
}

const start = performance.now();
const started: Promise<string>[] = [];
for (let i = 0; i < count; i++) started.push(worker(i));
const results = await Promise.all(started);
const elapsed = performance.now() - start;
console.log(
  JSON.stringify({
    finished: results.length,
    first: results[0],
    last: results.at(-1),
    elapsedMs: elapsed,
  }),
);

export {};
