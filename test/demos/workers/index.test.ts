import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import workers, {
  DETAILED_UP_TO,
  drawDurations,
  MAX_MS,
  MIN_MS,
} from '../../../demos/workers/index.js';
import { BATCHES } from '../../../demos/workers/crowd.js';
import { parseCommandLine } from '../../../src/cli/parse.js';
import { InvalidValueError, type OptionSpec } from '../../../src/engine/demo.js';
import { createRandom, DEFAULT_SEED } from '../../../src/engine/random.js';
import { runFake, span } from '../../support.js';

const countSpec = workers.options.count as OptionSpec<number | null>;

/** The options of `--count n`, and the durations `prepare` will draw for them. */
function crowd(count: number) {
  const options = { count: countSpec.parse(String(count), null) };
  return { options, durations: [...drawDurations(createRandom(DEFAULT_SEED), count)] };
}

/** `leftOut`: the variants a full run left out, as the command line reports them. */
function prepare(count: number, leftOut: string[] = [], scale = 1) {
  const signal = new AbortController().signal;
  const variants = ['concurrent'];
  const environment = { scale, seed: DEFAULT_SEED, signal, variants, leftOut };
  return workers.prepare?.(crowd(count).options, environment);
}

describe('workers demo', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('concurrent: all start at 0, end by duration, results gathered in creation order', async () => {
    const run = await runFake(workers, 'concurrent');
    expect(run.tasks.map((t) => t.name)).toEqual(['Alice', 'Bob', 'Charlie']);
    expect(span(run, 'Alice')).toEqual({
      start: 0,
      end: 2000,
      status: 'ok',
      result: "Alice's result",
    });
    expect(span(run, 'Bob')).toMatchObject({ start: 0, end: 3000, result: "Bob's result" });
    expect(span(run, 'Charlie')).toMatchObject({ start: 0, end: 1000, result: "Charlie's result" });
    const done = run.logs.filter((line) => line.message === 'done').map((line) => line.task);
    expect(done).toEqual(['Charlie', 'Alice', 'Bob']);
    expect(run.logs.at(-1)).toEqual({
      atMs: 3000,
      task: null,
      message: "results in creation order: Alice's result, Bob's result, Charlie's result",
    });
    expect(run.elapsedMs).toBe(3000);
    expect(run.idealMs).toBe(3000);
    expect(run.stats).toEqual({ workers: 3, workerCalls: 3, finished: 3 });
  });

  it('sequential: each worker starts when the previous one ends', async () => {
    const run = await runFake(workers, 'sequential');
    expect(span(run, 'Alice')).toMatchObject({ start: 0, end: 2000 });
    expect(span(run, 'Bob')).toMatchObject({ start: 2000, end: 5000 });
    expect(span(run, 'Charlie')).toMatchObject({ start: 5000, end: 6000 });
    expect(run.elapsedMs).toBe(6000);
    expect(run.idealMs).toBe(6000);
  });

  it('draws whole-millisecond durations in range, the same for the same seed', () => {
    const drawn = [...drawDurations(createRandom(7), 1000)];
    expect(drawn).toEqual([...drawDurations(createRandom(7), 1000)]);
    expect(drawn).not.toEqual([...drawDurations(createRandom(8), 1000)]);
    for (const ms of drawn) {
      expect(Number.isInteger(ms)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(MIN_MS);
      expect(ms).toBeLessThanOrEqual(MAX_MS);
    }
  });

  it('--count up to 20: a task per worker, each ending after its own drawn duration', async () => {
    const { options, durations } = crowd(5);
    const run = await runFake(workers, 'concurrent', options);
    expect(run.tasks.map((t) => t.name)).toEqual(
      ['000001', '000002', '000003', '000004', '000005'].map((n) => `worker-${n}`),
    );
    run.tasks.forEach((task, i) => {
      expect(task.startMs).toBe(0);
      expect(task.endMs).toBe(durations[i]);
    });
    expect(run.logs.at(-1)?.message).toBe(
      `results in creation order: ${[1, 2, 3, 4, 5].map((n) => `worker-00000${n}'s result`).join(', ')}`,
    );
    expect(run.elapsedMs).toBe(Math.max(...durations));
    expect(run.idealMs).toBe(Math.max(...durations));
  });

  it('prepare draws the durations with the seed, and the ideal is theirs', async () => {
    const prepared = await prepare(4);
    const durations = crowd(4).durations;
    expect([...(prepared?.state.durations ?? [])]).toEqual(durations);
    const sequential = workers.variants.sequential;
    if (!prepared) throw new Error('workers has a prepare hook');
    expect(sequential?.ideal(crowd(4).options, prepared.state)).toBe(
      durations.reduce((a, b) => a + b, 0),
    );
  });

  it('a full run leaves sequential out above 20 workers, and says so', async () => {
    const settings = { demos: [workers], version: '0.0.0' };
    const parse = (...argv: string[]) =>
      parseCommandLine(['workers', ...argv], settings) as { variants: string[]; leftOut: string[] };
    const chosen = (...argv: string[]) => parse(...argv).variants;
    expect(chosen()).toEqual(['sequential', 'concurrent']);
    expect(chosen('--count', String(DETAILED_UP_TO))).toEqual(['sequential', 'concurrent']);
    expect(chosen('--count', String(DETAILED_UP_TO + 1))).toEqual(['concurrent']);
    expect(chosen('--count', '1000000', '--sequential')).toEqual(['sequential']);
    expect(parse('--count', '1000').leftOut).toEqual(['sequential']);
    // Chosen by its flag, concurrent alone leaves nothing out: no note.
    expect(parse('--count', '1000', '--concurrent').leftOut).toEqual([]);
    expect(parse('--count', String(DETAILED_UP_TO)).leftOut).toEqual([]);

    const large = await prepare(1_000_000, ['sequential'], 0.01);
    expect(large?.notes).toEqual([
      'sequential not run: it would take about 4.9 h at this scale; add --sequential to run it',
    ]);
    expect((await prepare(100, ['sequential']))?.notes).toEqual([
      'sequential not run: it would take about 3 min at this scale; add --sequential to run it',
    ]);
    expect((await prepare(1_000_000, ['sequential']))?.notes?.[0]).toContain('about 20 days');
    expect((await prepare(100, []))?.notes).toEqual([]);
  });

  it('a large --count is summarised: batches as tasks, a bounded log and counter', async () => {
    const count = 1000;
    const { options, durations } = crowd(count);
    const run = await runFake(workers, 'concurrent', options);

    expect(run.tasks).toHaveLength(BATCHES);
    expect(run.tasks[0]?.name).toBe('workers 1–50');
    expect(run.tasks.at(-1)?.name).toBe('workers 951–1000');
    run.tasks.forEach((task, b) => {
      expect(task.startMs).toBe(0);
      expect(task.endMs).toBe(Math.max(...durations.slice(b * 50, b * 50 + 50)));
      expect(task.result).toBe('50 results');
    });
    expect(run.elapsedMs).toBe(Math.max(...durations));
    expect(run.idealMs).toBe(Math.max(...durations));
    expect(run.logs.length).toBeLessThanOrEqual(12);
    expect(run.logs.filter((line) => line.message.includes('% finished'))).toHaveLength(10);
    expect(run.logs.at(-1)?.message).toBe(
      "results in creation order: worker-000001's result … worker-001000's result (1,000 results)",
    );
    const samples = run.counters.finished ?? [];
    expect(samples.length).toBeLessThanOrEqual(101);
    expect(samples.at(-1)).toEqual({ atMs: Math.max(...durations), value: count });
    expect(run.stats).toEqual({ workers: count, workerCalls: count, finished: count });
  });

  it('a hundred thousand workers still make 20 lanes, 12 log lines and about 100 samples', async () => {
    const count = 100_000;
    const { options, durations } = crowd(count);
    // At scale 0.001 every worker is due within 3 ms: a few shared timers, so fake time is quick.
    const run = await runFake(workers, 'concurrent', options, { scale: 0.001 });
    const longest = durations.reduce((a, b) => Math.max(a, b), 0) * 0.001;
    expect(run.tasks).toHaveLength(BATCHES);
    expect(run.tasks.every((task) => task.status === 'ok' && task.result === '5,000 results')).toBe(
      true,
    );
    expect(run.logs).toHaveLength(12);
    expect((run.counters.finished ?? []).length).toBeLessThanOrEqual(101);
    expect(run.elapsedMs).toBe(Math.ceil(longest));
    expect(run.stats).toEqual({ workers: count, workerCalls: count, finished: count });
  });

  it('Ctrl-C stops a large run: every lane cancelled, no timer left behind', async () => {
    const { options } = crowd(1000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1000);
    const run = await runFake(workers, 'concurrent', options, { signal: controller.signal });
    expect(run.interrupted).toBe(true);
    expect(run.elapsedMs).toBe(1000);
    expect(run.tasks.map((task) => task.status)).toEqual(Array(BATCHES).fill('cancelled'));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('every worker of a batch waits its own duration, to the millisecond', async () => {
    const { options, durations } = crowd(DETAILED_UP_TO + 1);
    const run = await runFake(workers, 'concurrent', options);
    const samples = run.counters.finished ?? [];
    // One sample per worker at this count: the finishing times are the sorted durations.
    expect(samples.slice(1).map((sample) => sample.atMs)).toEqual(
      [...durations].sort((a, b) => a - b),
    );
  });

  it('a summarised sequential run takes the sum of the durations', async () => {
    const { options, durations } = crowd(30);
    const run = await runFake(workers, 'sequential', options);
    const sum = durations.reduce((a, b) => a + b, 0);
    expect(run.tasks).toHaveLength(15);
    expect(run.tasks[1]).toMatchObject({
      name: 'workers 3–4',
      startMs: durations.slice(0, 2).reduce((a, b) => a + b, 0),
    });
    expect(run.elapsedMs).toBe(sum);
    expect(run.idealMs).toBe(sum);
    expect(run.stats).toEqual({ workers: 30, workerCalls: 30, finished: 30 });
  });

  it.each([
    [1000, 'concurrent'],
    [25, 'concurrent'],
    [1000, 'sequential'],
    [25, 'sequential'],
  ] as const)(
    '%i workers %s: exactly that many async function calls and results, in creation order',
    async (count, variant) => {
      const { options, durations } = crowd(count);
      const run = await runFake(workers, variant, options, { scale: 0.001 });
      expect(run.stats).toMatchObject({ workers: count, workerCalls: count, finished: count });
      const last = `worker-${String(count).padStart(6, '0')}`;
      expect(run.logs.at(-1)?.message).toBe(
        `results in creation order: worker-000001's result … ${last}'s result ` +
          `(${count.toLocaleString('en-US')} results)`,
      );
      const size = Math.ceil(count / BATCHES);
      expect(run.tasks).toHaveLength(Math.ceil(count / size));
      run.tasks.forEach((task, b) => {
        const batch = Math.min(size, count - b * size);
        expect(task.status).toBe('ok');
        expect(task.result).toBe(`${batch} results`);
        if (variant === 'concurrent') expect(task.startMs).toBe(0);
      });
      if (variant === 'sequential') {
        for (let b = 1; b < run.tasks.length; b++) {
          expect(run.tasks[b]?.startMs).toBeGreaterThanOrEqual(run.tasks[b - 1]?.endMs ?? 0);
        }
      }
      expect(durations).toHaveLength(count);
    },
  );

  it.each(['0', '1000001', '1.5', '-3', 'many', ''])('rejects --count %j', (raw) => {
    expect(() => countSpec.parse(raw, null)).toThrow(
      new InvalidValueError('a count is a whole number from 1 to 1000000'),
    );
  });
});
