import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearLine, cursorTo, moveCursor } from 'node:readline';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { registry } from '../../demos/index.js';
import { runApp, type AppOptions } from '../../src/cli/app.js';
import type { InputStream } from '../../src/cli/pause.js';
import { abortError, onAbort } from '../../src/engine/abort.js';
import type { Clock } from '../../src/engine/clock.js';
import { defineDemo, type AnyDemo, type DemoContext } from '../../src/engine/demo.js';
import type { TourJsonDocument } from '../../src/render/tour-json.js';
import type { TraceDocument } from '../../src/render/trace.js';
import { visibleWidth } from '../../src/render/text.js';
import { expectValidTrace } from '../render/trace-format.js';
import { captureIo } from '../support.js';

const ESC = '\x1b';
// With the virtual clock below, the scale only changes the figures, never how long a test takes.
const FAST = ['--scale', '1'];

/**
 * Virtual time without fake timers (the tour loads its modules and writes its streams for real
 * in between): each pending sleep ends, earliest deadline first, one turn of the event loop
 * after the last, and time jumps to its deadline. The figures are exact, never the load's.
 */
function virtualClock(): Clock {
  let now = 0;
  const sleepers: { until: number; resolve: () => void }[] = [];
  let ticking = false;
  const tick = () => {
    sleepers.sort((a, b) => a.until - b.until);
    const next = sleepers.shift();
    if (next) {
      now = Math.max(now, next.until);
      next.resolve();
    }
    ticking = sleepers.length > 0;
    if (ticking) setImmediate(tick);
  };
  return {
    now: () => now,
    block: (ms) => {
      now += ms;
    },
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) {
          reject(abortError(signal));
          return;
        }
        const sleeper = {
          until: now + ms,
          resolve: () => {
            stopWatching();
            resolve();
          },
        };
        const stopWatching = signal
          ? onAbort(signal, () => {
              sleepers.splice(sleepers.indexOf(sleeper), 1);
              reject(abortError(signal));
            })
          : () => {};
        sleepers.push(sleeper);
        if (!ticking) {
          ticking = true;
          setImmediate(tick);
        }
      }),
  };
}

const waits = (ms: number) => (ctx: DemoContext<unknown>) =>
  ctx.task('job', async () => {
    await ctx.sleep(ms);
  });

function twoWay(name: string, extra: Partial<AnyDemo> = {}): AnyDemo {
  return defineDemo({
    name,
    summary: `${name} one by one or together`,
    lesson: `The ${name} lesson.`,
    options: {},
    variants: {
      sequential: { summary: 'one after the other', ideal: () => 2000, run: waits(2000) },
      concurrent: { summary: 'both at once', ideal: () => 1000, run: waits(1000) },
    },
    ...extra,
  });
}

const alpha = twoWay('alpha');
const beta = twoWay('beta');
const demos = [alpha, beta, twoWay('gamma')];

/** A terminal's streams; ora moves the cursor of stderr to clear its spinner, as a tty can. */
function terminalIo(env: Record<string, string> = { NO_COLOR: '1' }) {
  const captured = captureIo({ tty: true, env });
  const stream = captured.io.err as NodeJS.WritableStream;
  Object.assign(stream, {
    cursorTo: (x: number) => cursorTo(stream, x),
    moveCursor: (dx: number, dy: number) => moveCursor(stream, dx, dy),
    clearLine: (dir: -1 | 0 | 1) => clearLine(stream, dir),
  });
  return captured;
}

async function tour(
  argv: string[],
  ioOptions: Parameters<typeof captureIo>[0] = {},
  options: AppOptions = {},
) {
  const captured = ioOptions.tty ? terminalIo(ioOptions.env) : captureIo(ioOptions);
  const code = await runApp(['tour', ...argv], captured.io, {
    demos,
    clock: virtualClock(),
    ...options,
  });
  // The PassThrough streams deliver what was written on the next turn.
  await new Promise((resolve) => setImmediate(resolve));
  return { code, out: captured.out, err: captured.err };
}

/** The demos a tour's output shows, by their banners. */
const bannerNames = (out: string) =>
  [...out.matchAll(/^━━ \d+ of \d+ · (\S+) ━+$/gm)].map((match) => match[1]);

describe('tour: what it prints', () => {
  it('runs every demo, each compact, and ends with the summary: no escape codes in a pipe', async () => {
    const { code, out, err } = await tour(FAST);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).not.toContain(ESC);
    expect(out.startsWith('async-demos tour — 3 demos')).toBe(true);
    expect(bannerNames(out)).toEqual(['alpha', 'beta', 'gamma']);
    const order = [
      '━━ 1 of 3 · alpha',
      'alpha — alpha one by one or together',
      '▶ sequential: one after the other',
      '■ sequential took',
      'job',
      '▶ concurrent: both at once',
      'Comparison',
      '━━ 2 of 3 · beta',
      '━━ 3 of 3 · gamma',
      'Tour summary: 3 demos in',
      '│ alpha │ sequential vs concurrent',
      '→ The alpha lesson.',
      '→ The gamma lesson.',
      'Speedup: the slowest variant over the fastest',
    ];
    let from = 0;
    for (const text of order) {
      const at = out.indexOf(text, from);
      expect(at, text).toBeGreaterThanOrEqual(from);
      from = at;
    }
    // The live log is left out: its lines start with a time.
    expect(out).not.toMatch(/^ *\d+\.\d{3} s /m);
    for (const line of out.split('\n')) expect(visibleWidth(line), line).toBeLessThanOrEqual(80);
  });

  it('runs at scale 0.2 unless told', async () => {
    const scales: number[] = [];
    const spy = defineDemo({
      name: 'spy',
      summary: 'notes the scale it runs at',
      options: {},
      variants: {
        only: {
          summary: 'notes its scale',
          ideal: () => null,
          run: (ctx: DemoContext<unknown>) => {
            scales.push(ctx.scale);
            return Promise.resolve();
          },
        },
      },
    });
    const { code, out } = await tour([], {}, { demos: [spy] });
    expect(code).toBe(0);
    expect(scales).toEqual([0.2]);
    expect(out).toContain('scale 0.2 · seed 42');
  });

  it('--quiet prints the summary alone', async () => {
    const { code, out } = await tour([...FAST, '--quiet']);
    expect(code).toBe(0);
    expect(out.startsWith('\nTour summary: 3 demos in')).toBe(true);
    expect(out).not.toContain('━━');
  });

  it('--json prints one document of the whole tour', async () => {
    const { code, out } = await tour([...FAST, '--seed', '7', '--only', 'beta,alpha', '--json']);
    expect(code).toBe(0);
    const document = JSON.parse(out) as TourJsonDocument;
    expect(document).toMatchObject({ tour: true, scale: 1, seed: 7 });
    expect(document.interrupted).toBeUndefined();
    expect(document.demos.map((d) => [d.demo, d.runs.map((r) => r.variant)])).toEqual([
      ['beta', ['sequential', 'concurrent']],
      ['alpha', ['sequential', 'concurrent']],
    ]);
    expect(
      document.summary.map((row) => [row.demo, row.lesson, row.headlines[0]?.slowest]),
    ).toEqual([
      ['beta', 'The beta lesson.', 'sequential'],
      ['alpha', 'The alpha lesson.', 'sequential'],
    ]);
  });

  describe('--html and --trace', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tour-test-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('write one file each, for the whole tour', async () => {
      const html = join(folder, 't.html');
      const trace = join(folder, 't.json');
      const { code } = await tour([...FAST, '--quiet', '--html', html, '--trace', trace]);
      expect(code).toBe(0);
      const page = readFileSync(html, 'utf8');
      expect(page.match(/<section class="demo"/g)).toHaveLength(3);
      const document = JSON.parse(readFileSync(trace, 'utf8')) as TraceDocument;
      expectValidTrace(document);
      const processes = document.traceEvents.filter((event) => event.name === 'process_name');
      expect(processes.map((event) => event.args?.name)).toEqual(
        ['alpha', 'beta', 'gamma'].flatMap((demo) => [`${demo} sequential`, `${demo} concurrent`]),
      );
    });

    it('a file that cannot be written is bad usage, before anything runs', async () => {
      const { code, out, err } = await tour([
        ...FAST,
        '--trace',
        join(folder, 'no', 'such', 't.json'),
      ]);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/^async-demos: cannot write the trace to '.*': no such directory\n$/);
    });
  });
});

describe('tour: choosing demos', () => {
  it.each([
    [
      ['--only', 'gamma,alpha'],
      ['gamma', 'alpha'],
    ],
    [
      ['--only', 'beta', '--only', 'alpha,beta'],
      ['beta', 'alpha'],
    ],
    [
      ['--skip', 'beta'],
      ['alpha', 'gamma'],
    ],
    [['--skip', ' alpha , gamma '], ['beta']],
  ])('%j runs %j', async (argv, expected) => {
    const { code, out } = await tour([...FAST, ...argv]);
    expect(code).toBe(0);
    expect(bannerNames(out)).toEqual(expected);
  });

  it.each([
    [
      ['--only', 'alpha,bogus'],
      "async-demos: --only: unknown demo 'bogus'; the demos are alpha, beta, gamma\n",
    ],
    [
      ['--skip', 'x\x1b[31m'],
      "async-demos: --skip: unknown demo 'x\\x1b[31m'; the demos are alpha, beta, gamma\n",
    ],
    [
      ['--only', 'alpha', '--skip', 'beta'],
      "async-demos: --only and --skip cannot be combined; see 'async-demos list'\n",
    ],
    [
      ['--skip', 'alpha,beta,gamma'],
      "async-demos: --skip leaves no demo to run; see 'async-demos list'\n",
    ],
    [
      ['--only', ' , '],
      "async-demos: invalid --only ' , ': give demo names separated by commas, such as breakfast,workers; see 'async-demos tour --help'\n",
    ],
    [['alpha'], "async-demos: 'tour' takes no arguments; see 'async-demos tour --help'\n"],
    [['--count', '3'], "async-demos: unknown option '--count'; see 'async-demos tour --help'\n"],
  ])('%j: one line, exit 2, nothing run', async (argv, message) => {
    const { code, out, err } = await tour(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(message);
  });

  it("names the registry's demos when a name is unknown", async () => {
    const { code, err } = await tour(['--only', 'brekfast'], {}, { demos: registry });
    expect(code).toBe(2);
    expect(err).toContain(registry.map((demo) => demo.name).join(', '));
  });
});

/** A terminal's stdin, as far as the pause needs one. */
function keyboard(): PassThrough & InputStream {
  return Object.assign(new PassThrough(), { isTTY: true });
}

/** Waits, a turn of the event loop at a time, until `condition` holds; fails after 5 s. */
async function until(condition: () => boolean): Promise<void> {
  const giveUp = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > giveUp) throw new Error('never happened');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('tour --pause', () => {
  it('is ignored when stdout is not a terminal: stdin is never read', async () => {
    let asked = false;
    const input = () => {
      asked = true;
      return keyboard();
    };
    const { code, out } = await tour([...FAST, '--pause'], {}, { input });
    expect(code).toBe(0);
    expect(asked).toBe(false);
    expect(out).not.toContain('Press Enter');
    expect(bannerNames(out)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('is ignored when stdin is not a terminal', async () => {
    const input = Object.assign(keyboard(), { isTTY: false });
    const { code, out } = await tour(
      [...FAST, '--pause', '--no-color'],
      { tty: true },
      {
        input: () => input,
      },
    );
    expect(code).toBe(0);
    expect(out).not.toContain('Press Enter');
  });

  it('waits for Enter between demos on a terminal, and never after the last', async () => {
    const input = keyboard();
    const captured = terminalIo();
    const running = runApp(['tour', ...FAST, '--pause', '--skip', 'gamma'], captured.io, {
      demos,
      clock: virtualClock(),
      input: () => input,
    });
    await until(() => captured.out.includes('Press Enter for beta (2 of 2)'));
    expect(captured.out).not.toContain('━━ 2 of 2 · beta');
    input.write('\n');
    expect(await running).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(captured.out.match(/Press Enter/g)).toHaveLength(1);
    expect(captured.out).toContain('━━ 2 of 2 · beta');
    // Paused again: the stream keeps no process alive.
    expect(input.isPaused()).toBe(true);
  });

  it('Ctrl-C at the prompt ends the tour with the summary so far: exit 130', async () => {
    const input = keyboard();
    const stop = new AbortController();
    const captured = terminalIo();
    const running = runApp(['tour', ...FAST, '--pause'], captured.io, {
      demos,
      clock: virtualClock(),
      input: () => input,
      signal: stop.signal,
    });
    await until(() => captured.out.includes('Press Enter for beta'));
    stop.abort();
    expect(await running).toBe(130);
    await new Promise((resolve) => setImmediate(resolve));
    expect(bannerNames(captured.out)).toEqual(['alpha']);
    expect(captured.out).toContain('Tour summary: stopped by Ctrl-C after demo 1 of 3');
    expect(captured.out).toContain('│ alpha │');
  });
});

describe('tour: Ctrl-C and failures', () => {
  /** A demo whose variant is stopped (Ctrl-C) while it waits; its dispose is recorded. */
  function stoppedBy(stop: AbortController, disposed: string[]): AnyDemo {
    return defineDemo({
      name: 'stopper',
      summary: 'Ctrl-C comes mid-variant',
      options: {},
      prepare: () => ({
        state: undefined,
        dispose: () => {
          disposed.push('stopper');
          return Promise.resolve();
        },
      }),
      variants: {
        quick: { summary: 'ends', ideal: () => 1000, run: waits(1000) },
        stopped: {
          summary: 'stopped while it waits',
          ideal: () => 60_000,
          run: (ctx: DemoContext<unknown>) =>
            ctx.task('long', async () => {
              const waiting = ctx.sleep(60_000);
              stop.abort();
              await waiting;
            }),
        },
      },
    });
  }

  it('stops the demo under way (its partial output as a demo prints it), prints the summary so far, exits 130', async () => {
    const stop = new AbortController();
    const disposed: string[] = [];
    const chosen = [alpha, stoppedBy(stop, disposed), beta];
    const { code, out } = await tour(FAST, {}, { demos: chosen, signal: stop.signal });
    expect(code).toBe(130);
    expect(disposed).toEqual(['stopper']);
    expect(bannerNames(out)).toEqual(['alpha', 'stopper']);
    expect(out).toContain('■ stopped stopped by Ctrl-C after');
    expect(out).toContain('Tour summary: stopped by Ctrl-C in demo 2 of 3');
    expect(out).toMatch(/│ alpha +│ sequential vs concurrent/);
    expect(out).toMatch(/│ stopper \(stopped\) │ — /);
    expect(out).not.toContain('beta');
  });

  it('says interrupted in the JSON document', async () => {
    const stop = new AbortController();
    const chosen = [alpha, stoppedBy(stop, [])];
    const { code, out } = await tour(
      [...FAST, '--json'],
      {},
      { demos: chosen, signal: stop.signal },
    );
    expect(code).toBe(130);
    const document = JSON.parse(out) as TourJsonDocument;
    expect(document.interrupted).toBe(true);
    expect(document.demos[1]?.interrupted).toBe(true);
    expect(document.summary.map((row) => row.status)).toEqual(['ran', 'stopped']);
  });

  it('a demo that throws is reported in one line; the others still run; exit 1', async () => {
    const broken = defineDemo({
      name: 'broken',
      summary: 'fails',
      options: {},
      variants: {
        only: {
          summary: 'throws',
          ideal: () => null,
          run: () => Promise.reject(new Error('boom')),
        },
      },
    });
    const chosen = [broken, alpha];
    const { code, out, err } = await tour(FAST, {}, { demos: chosen });
    expect(code).toBe(1);
    expect(err).toBe('async-demos: broken: boom\n');
    expect(bannerNames(out)).toEqual(['broken', 'alpha']);
    expect(out).toContain('│ broken (failed) │');
  });
});
