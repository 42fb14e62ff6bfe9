import { clearLine, cursorTo, moveCursor } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import breakfast from '../../demos/breakfast.js';
import { runApp } from '../../src/cli/app.js';
import { defineDemo, type Demo } from '../../src/engine/demo.js';
import type { JsonDocument } from '../../src/render/json.js';
import { readVersion } from '../../src/cli/version.js';
import { captureIo } from '../support.js';

/** ora moves the cursor of a terminal's stream to clear its spinner, as a tty.WriteStream can. */
function withCursor(stream: NodeJS.WritableStream) {
  Object.assign(stream, {
    cursorTo: (x: number) => cursorTo(stream, x),
    moveCursor: (dx: number, dy: number) => moveCursor(stream, dx, dy),
    clearLine: (dir: -1 | 0 | 1) => clearLine(stream, dir),
  });
}

// A tiny scale keeps these runs to a few milliseconds of real time; nothing here asserts a time.
const FAST = ['--scale', '0.001'];
// Where the order of toast and coffee is asserted: 10 ms apart, so the order never depends on load.
const ORDERED = ['--scale', '0.01'];
const ESC = '\x1b';

async function app(
  argv: string[],
  ioOptions: Parameters<typeof captureIo>[0] = {},
  demos?: Demo[],
) {
  const captured = captureIo(ioOptions);
  if (ioOptions.tty) withCursor(captured.io.err as NodeJS.WritableStream);
  const code = await runApp(argv, captured.io, demos ? { demos } : {});
  // The PassThrough streams deliver what was written on the next turn.
  await new Promise((resolve) => setImmediate(resolve));
  return { code, out: captured.out, err: captured.err };
}

describe('runApp: a demo', () => {
  it('runs every variant and writes log, charts and the comparison to a pipe, without escape codes', async () => {
    const { code, out, err } = await app(['breakfast', ...ORDERED]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).not.toContain(ESC);
    expect(out.startsWith('breakfast — coffee and toast')).toBe(true);
    expect(out).toContain('scale 0.01 · seed 42');
    const order = [
      '▶ blocking:',
      '■ blocking took',
      '▶ sequential:',
      '■ sequential took',
      '▶ concurrent:',
      'toast ready: Crispy toast',
      'coffee ready: Hot coffee',
      '■ concurrent took',
      'Comparison (speedup against the slowest variant)',
      '│ Variant',
    ];
    let from = 0;
    for (const text of order) {
      const at = out.indexOf(text, from);
      expect(at, text).toBeGreaterThanOrEqual(from);
      from = at;
    }
    expect(out).toMatch(/coffee +│ *[█╌▓]+ *│ ✓/);
    expect(out.split('\n').filter((line) => line.startsWith('│ ')).length).toBe(4);
  });

  it('writes one variant without a comparison table', async () => {
    const { code, out } = await app(['breakfast', '--concurrent', ...FAST]);
    expect(code).toBe(0);
    expect(out).toContain('▶ concurrent:');
    expect(out).not.toContain('▶ sequential:');
    expect(out).not.toContain('Comparison');
  });

  it("a sweep's passes get a table of their own: limit, measured, ideal, speedup", async () => {
    const { code, out } = await app(['semaphore', '--sweep', '--ops', '3', '--scale', '0.01']);
    expect(code).toBe(0);
    expect(out).toContain('Passes of sweep (speedup against the slowest pass)');
    expect(out).toMatch(/│ Pass +│ Measured │ +Ideal │/);
    // Ideal times are exact: 3, 2 and 1 waves of 2 s at scale 0.01.
    expect(out).toMatch(/│ limit 1 +│ +[\d.]+ ms │ +60\.0 ms │/);
    expect(out).toMatch(/│ limit 2 +│ +[\d.]+ ms │ +40\.0 ms │/);
    expect(out).toMatch(/│ limit 3 [★ ]*│ +[\d.]+ ms │ +20\.0 ms │/);
    expect(out).not.toMatch(/limit \d +limit \d/); // the log does not repeat the lane's name
  });

  it('--quiet leaves out the log but keeps the charts and the table', async () => {
    const { out } = await app(['breakfast', '--quiet', ...FAST]);
    expect(out).not.toContain('start coffee');
    expect(out).not.toContain('▶ ');
    expect(out).toContain('■ concurrent took');
    expect(out).toMatch(/coffee +│ *[█╌▓]+/);
    expect(out).toContain('Comparison');
  });

  it('--json writes only the JSON document of the contract', async () => {
    const { code, out, err } = await app(['breakfast', '--json', '--seed', '7', ...ORDERED], {
      tty: true,
      env: { FORCE_COLOR: '3' },
    });
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).not.toContain(ESC);
    const document = JSON.parse(out) as JsonDocument;
    expect(Object.keys(document)).toEqual(['demo', 'scale', 'seed', 'runs']);
    expect(document).toMatchObject({ demo: 'breakfast', scale: 0.01, seed: 7 });
    expect(document.runs.map((run) => run.variant)).toEqual([
      'blocking',
      'sequential',
      'concurrent',
    ]);
    const concurrent = document.runs[2];
    expect(concurrent?.idealMs).toBe(30);
    const [coffee, toast] = concurrent?.tasks ?? [];
    expect(coffee).toMatchObject({ name: 'coffee', status: 'ok', result: 'Hot coffee' });
    expect(toast).toMatchObject({ name: 'toast', status: 'ok', result: 'Crispy toast' });
    expect(toast?.endMs).toBeLessThanOrEqual(coffee?.endMs ?? 0);
    expect(concurrent?.logs.map((line) => line.message).slice(2, 4)).toEqual([
      'toast ready: Crispy toast',
      'coffee ready: Hot coffee',
    ]);
  });

  it('NO_COLOR beats FORCE_COLOR, and --no-color beats a terminal', async () => {
    const forced = await app(['breakfast', '--concurrent', ...FAST], {
      env: { NO_COLOR: '1', FORCE_COLOR: '3' },
    });
    expect(forced.out).not.toContain(ESC);
    const flag = await app(['breakfast', '--concurrent', '--no-color', ...FAST], {
      env: { FORCE_COLOR: '1' },
    });
    expect(flag.out).not.toContain(ESC);
  });

  it('colours a pipe when FORCE_COLOR asks', async () => {
    const { out } = await app(['breakfast', '--concurrent', ...FAST], {
      env: { FORCE_COLOR: '1' },
    });
    expect(out).toContain(`${ESC}[`);
  });

  it('colours a terminal, and draws the chart to its width', async () => {
    const { code, out } = await app(['breakfast', '--concurrent', ...FAST], {
      tty: true,
      columns: 100,
      env: { TERM: 'xterm-256color', CI: '1' },
    });
    expect(code).toBe(0);
    expect(out).toContain(`${ESC}[`);
    const lane = out.split('\n').find((line) => line.includes('coffee') && line.includes('│'));
    const shown = stripVTControlCharacters(lane ?? '');
    // Up to the terminal's width: the status column keeps room for its widest kind.
    expect(shown.length).toBeLessThanOrEqual(100);
    expect(shown.length).toBeGreaterThan(90);
  });

  /** Ctrl-C as the live log shows `line`: at a known point of the run, whatever the machine. */
  function interruptAt(line: string) {
    const captured = captureIo();
    const interrupt = new AbortController();
    const out = captured.io.out;
    captured.io.out = {
      write: (text: string) => {
        const written = out.write(text);
        if (text.includes(line)) interrupt.abort();
        return written;
      },
    };
    return { captured, signal: interrupt.signal };
  }

  it('stops at the signal with exit code 130 and prints what was measured', async () => {
    const { captured, signal } = interruptAt('start toast');
    const code = await runApp(['breakfast', '--sequential', '--scale', '0.1'], captured.io, {
      signal,
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(code).toBe(130);
    expect(captured.err).toBe('');
    const out = captured.out;
    expect(out).toContain('coffee ready: Hot coffee');
    // Real time on a shared machine: the figure itself is not asserted, only that no overhead is.
    expect(out).toMatch(/■ sequential stopped by Ctrl-C after [\d.]+ m?s · ideal 500 ms\n/);
    expect(out).toMatch(/coffee +│ *[█╌▓]+ *│ ✓ \d\.\d{3} s\n/);
    expect(out).toMatch(/toast +│ +[█╌]+ *│ ⊘ \d\.\d{3} s\n/);
    expect(out).not.toContain('toast ready');
  });

  it('says interrupted in the JSON document after the signal', async () => {
    const base = breakfast as unknown as Demo;
    const captured = captureIo();
    const interrupt = new AbortController();
    const code = await runApp(['breakfast', '--json', ...FAST], captured.io, {
      signal: interrupt.signal,
      demos: [
        {
          ...base,
          variants: {
            ...base.variants,
            // The second variant is stopped as soon as it starts.
            sequential: {
              ...base.variants.sequential,
              run: (ctx) => {
                interrupt.abort();
                return base.variants.sequential?.run(ctx) ?? Promise.resolve();
              },
            },
          },
        } as Demo,
      ],
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(code).toBe(130);
    const document = JSON.parse(captured.out) as JsonDocument;
    expect(document.interrupted).toBe(true);
    expect(document.runs.map((run) => run.variant)).toEqual(['blocking', 'sequential']);
    expect(document.runs[1]?.tasks[0]).toMatchObject({ name: 'coffee', status: 'cancelled' });
  });
});

describe('runApp: errors', () => {
  it.each([
    [['breakfst'], "unknown demo 'breakfst' (did you mean breakfast?); see 'async-demos list'"],
    [['breakfast', '--fast'], "unknown option '--fast'; see 'async-demos breakfast --help'"],
    [
      ['breakfast', '--scale', '0'],
      "invalid --scale '0': a scale is a number from 0.0001 to 100, such as 0.1 or 2; see 'async-demos breakfast --help'",
    ],
    [
      ['breakfast', 'concurrent'],
      "unexpected argument 'concurrent' (variants are flags: --concurrent); see 'async-demos breakfast --help'",
    ],
  ])('%j exits 2 with one line on stderr', async (argv, message) => {
    const { code, out, err } = await app(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`async-demos: ${message}\n`);
  });

  const broken = defineDemo({
    name: 'broken',
    summary: 'fails',
    options: {},
    variants: {
      only: {
        summary: 'throws',
        ideal: () => null,
        run: () => Promise.reject(new Error('the demo broke')),
      },
    },
  }) as unknown as Demo;

  it('exits 1 with one line and no stack trace for any other error', async () => {
    const { code, err } = await app(['broken'], {}, [broken]);
    expect(code).toBe(1);
    expect(err).toBe('async-demos: the demo broke\n');
  });

  it('adds the stack trace under ASYNC_DEMOS_DEBUG', async () => {
    const { code, err } = await app(['broken'], { env: { ASYNC_DEMOS_DEBUG: '1' } }, [broken]);
    expect(code).toBe(1);
    expect(err).toMatch(/^async-demos: the demo broke\nError: the demo broke\n {4}at /);
  });

  it("releases what a demo's prepare made, even when a variant fails, and shows its notes", async () => {
    const disposed: string[] = [];
    const prepared = defineDemo({
      name: 'prepared',
      summary: 'starts something first',
      options: {},
      variants: {
        ok: { summary: 'works', ideal: () => null, run: () => Promise.resolve() },
        bad: { summary: 'fails', ideal: () => null, run: () => Promise.reject(new Error('no')) },
      },
      prepare: () =>
        Promise.resolve({
          state: undefined,
          notes: ['server on 127.0.0.1:4242'],
          dispose: () => {
            disposed.push('disposed');
            return Promise.resolve();
          },
        }),
    }) as unknown as Demo;
    const good = await app(['prepared', '--ok'], {}, [prepared]);
    expect(good.code).toBe(0);
    expect(good.out).toContain('server on 127.0.0.1:4242\n');
    const bad = await app(['prepared', '--bad'], {}, [prepared]);
    expect(bad.code).toBe(1);
    expect(disposed).toEqual(['disposed', 'disposed']);
  });
});

describe('runApp: list, help and version', () => {
  it('lists the demos as a table on a pipe, without escape codes', async () => {
    const { code, out } = await app(['list']);
    expect(code).toBe(0);
    expect(out).not.toContain(ESC);
    expect(out).toMatch(/│ breakfast +│ blocking, sequential, +│ coffee and toast/);
  });

  it('colours the list on a terminal', async () => {
    const { out } = await app(['list'], { tty: true, env: { TERM: 'xterm' } });
    expect(out).toContain(`${ESC}[1mbreakfast`);
  });

  it('lists the demos as JSON', async () => {
    const { code, out } = await app(['list', '--json'], { tty: true, env: { FORCE_COLOR: '1' } });
    expect(code).toBe(0);
    const entries = JSON.parse(out) as { name: string; summary: string; variants: string[] }[];
    expect(entries.find((entry) => entry.name === 'breakfast')).toEqual({
      name: 'breakfast',
      summary: 'coffee and toast: blocking, one after the other, or both at once',
      variants: ['blocking', 'sequential', 'concurrent'],
    });
  });

  it('prints the version of package.json', async () => {
    const { code, out } = await app(['--version']);
    expect(code).toBe(0);
    expect(out).toBe(`${readVersion()}\n`);
    expect(readVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(readVersion()).not.toBe('0.0.0');
  });

  it('prints help on stdout with exit code 0', async () => {
    const { code, out, err } = await app(['breakfast', '--help']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/^Usage: async-demos breakfast/);
  });
});

describe('runApp: what came from the user', () => {
  it('escapes control characters it echoes in an error (a title-setting escape stays text)', async () => {
    const { code, out, err } = await app(['breakfast', '--scale', '\x1b]0;pwned\x07']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).not.toContain('\x1b');
    expect(err).not.toContain('\x07');
    expect(err).toContain("invalid --scale '\\x1b]0;pwned\\x07'");
  });

  it('an unknown demo with --help is an unknown demo, exit 2', async () => {
    const { code, out, err } = await app(['breakfest', '--help']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^async-demos: unknown demo 'breakfest' \(did you mean breakfast\?\)/);
  });
});

describe('runApp: help and list', () => {
  it('help <demo> is <demo> --help, and help alone the program help', async () => {
    const demo = await app(['help', 'breakfast']);
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/^Usage: async-demos breakfast /);
    const program = await app(['help']);
    expect(program.code).toBe(0);
    expect(program.out).toMatch(/^Usage: async-demos \[options\] \[command\]/);
  });

  it('list marks the opt-in variants', async () => {
    const { out } = await app(['list']);
    expect(out).toContain('pause*');
    expect(out).toContain('* runs only when its flag is given');
  });
});
