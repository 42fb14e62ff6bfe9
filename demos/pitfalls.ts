import { readFileSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { defineDemo, defineOption, InvalidValueError, type DemoContext } from '../src/demo.js';
import { errorMessage, UsageError } from '../src/errors.js';
import { parseInteger } from '../src/options.js';
import { formatCount } from '../src/render/format.js';
import { loopDelayColumns } from '../src/render/heartbeat.js';

const SAVE_MS = 1000;
const RECEIPT_MS = 300;
const CALLER_MS = 500;
/** A timer started next to the read: it should fire on time. */
const TIMER_MS = 20;

/** The file the read variants read: a temporary one (made by `prepare`) unless one is named. */
const file = defineOption<string | null>({
  flags: '--file <path>',
  description: 'the file the read variants read',
  default: null,
  defaultLabel: 'a temporary file',
  parse: (raw) => {
    if (raw.trim() === '') throw new InvalidValueError('a file is a path, such as ./big.log');
    return raw;
  },
});

const fileMib = defineOption<number>({
  flags: '--file-mib <n>',
  description: 'size of the temporary file at scale 1 (it is multiplied by the scale)',
  default: 64,
  parse: (raw) => parseInteger(raw, 1, 1024, 'a size in MiB'),
});

/** The demo's options, exported for tests. */
export const options = { file, fileMib };

interface Options {
  file: string | null;
  fileMib: number;
}

export default defineDemo({
  name: 'pitfalls',
  summary: 'two classic mistakes: the forgotten await and the blocking call',
  hint:
    'forgotten-await: the caller gets a pending Promise, the work goes on without it, and its\n' +
    'failure is an unhandled rejection (shown here safely). blocking-read: readFileSync freezes\n' +
    'every other task (see the heartbeat and the late timer); readFile keeps the loop free.',
  examples: ['async-demos pitfalls --forgotten-await', 'async-demos pitfalls --scale 0.2'],
  options,
  columns: [
    ...loopDelayColumns,
    {
      header: 'Unhandled',
      cell: ({ stats }) =>
        typeof stats.unhandledRejections === 'number' ? String(stats.unhandledRejections) : '—',
    },
  ],
  async prepare(options, { scale, variants }) {
    const reads = ['blocking-read', 'async-read'].some((name) => variants?.includes(name) ?? true);
    if (!reads) return { options, dispose: () => Promise.resolve() };
    if (options.file !== null) {
      await assertReadableFile(options.file);
      return { options, dispose: () => Promise.resolve() };
    }
    const directory = await mkdtemp(join(tmpdir(), 'async-demos-'));
    const path = join(directory, 'big.bin');
    const bytes = Math.max(64 * 1024, Math.round(options.fileMib * 2 ** 20 * scale));
    const dispose = () => rm(directory, { recursive: true, force: true });
    try {
      await writeFile(path, Buffer.alloc(bytes, 'async-demos '));
    } catch (error) {
      await dispose();
      throw error;
    }
    return {
      options: { ...options, file: path },
      notes: [`a temporary file of ${formatCount(bytes)} bytes for the read variants: ${path}`],
      dispose,
    };
  },
  variants: {
    'forgotten-await': {
      summary: 'call async functions without await: a pending Promise, work left detached',
      ideal: () => CALLER_MS,
      run: (ctx) =>
        watchRejections(ctx, () =>
          ctx.task('caller', async (task) => {
            const order = saveOrder(ctx);
            task.log(`saveOrder() returned ${inspect(order)}, not an order`);
            ctx.stat('saveOrderReturned', inspect(order));
            // The mistake, on purpose (`void` only tells the linter, which would catch it).
            void sendReceipt(ctx);
            task.log('moved on without waiting; nobody will see the receipt fail');
            await ctx.sleep(CALLER_MS);
            task.log('done with its own work; the order is still being saved');
          }),
        ),
    },
    awaited: {
      summary: 'the fix: await each call and handle its failure',
      ideal: () => SAVE_MS + RECEIPT_MS,
      run: (ctx) =>
        watchRejections(ctx, () =>
          ctx.task('caller', async (task) => {
            const order = await saveOrder(ctx);
            task.log(`saveOrder() gave "${order}"`);
            try {
              await sendReceipt(ctx);
            } catch (error) {
              task.log(`the receipt failed, and the caller knows: ${errorMessage(error)}`);
            }
          }),
        ),
    },
    'blocking-read': {
      summary: 'readFileSync in async code: every other task waits for it',
      ideal: () => null,
      heartbeat: true,
      async run(ctx) {
        const timer = startTimer(ctx);
        await readTask(ctx, 'readFileSync', (path) => Promise.resolve(readFileSync(path)));
        await timer;
      },
    },
    'async-read': {
      summary: 'its non-blocking twin, readFile: the loop stays free',
      ideal: () => null,
      heartbeat: true,
      async run(ctx) {
        const timer = startTimer(ctx);
        await readTask(ctx, 'readFile', (path) => readFile(path, { signal: ctx.signal }));
        await timer;
      },
    },
  },
});

/** Takes 1 s and succeeds. */
async function saveOrder(ctx: DemoContext<Options>): Promise<string> {
  return ctx.task('save-order', async () => {
    await ctx.sleep(SAVE_MS);
    return 'order #42 saved';
  });
}

/** Fails after 0.3 s. Its promise, not awaited, is the one nobody handles. */
async function sendReceipt(ctx: DemoContext<Options>): Promise<void> {
  await ctx.task('send-receipt', async () => {
    await ctx.sleep(RECEIPT_MS);
    throw new Error('the mail server refused the receipt');
  });
}

/**
 * Node ends the process on an unhandled rejection, unless a listener takes it: one is installed
 * while the variant runs (and removed after, whatever happens), and counts what it caught.
 */
async function watchRejections(ctx: DemoContext<Options>, work: () => Promise<unknown>) {
  let caught = 0;
  const listener = (reason: unknown) => {
    caught++;
    ctx.stat('unhandledRejections', caught);
    ctx.log(`unhandledRejection: ${errorMessage(reason)} (without a listener, Node would exit)`);
  };
  process.on('unhandledRejection', listener);
  try {
    await work();
  } finally {
    process.off('unhandledRejection', listener);
    ctx.stat('unhandledRejections', caught);
  }
}

/** A short timer next to the read: how late it fires shows whether the loop was free. */
function startTimer(ctx: DemoContext<Options>): Promise<void> {
  return ctx.task('timer', async (task) => {
    const due = TIMER_MS * ctx.scale;
    await ctx.sleep(TIMER_MS);
    const late = ctx.now() - due;
    task.log(`due at ${due.toFixed(0)} ms, fired ${late.toFixed(0)} ms late`);
    ctx.stat('timerLateMs', Math.round(late * 10) / 10);
  });
}

function readTask(
  ctx: DemoContext<Options>,
  how: string,
  read: (path: string) => Promise<Buffer>,
): Promise<string> {
  const path = ctx.options.file;
  if (path === null) throw new Error('pitfalls creates its file in prepare()');
  return ctx.task(
    'read',
    async (task) => {
      task.log(`${how}(${path})…`);
      const data = await read(path);
      return `${formatCount(data.length)} bytes`;
    },
    { phase: how === 'readFileSync' ? 'blocked' : 'running' },
  );
}

/** A file named with --file must be there to read, said in one line before any variant runs. */
async function assertReadableFile(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      if (!(await handle.stat()).isFile()) throw new Error('not a regular file');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new UsageError(`cannot read --file '${path}': ${errorMessage(error)}`);
  }
}
