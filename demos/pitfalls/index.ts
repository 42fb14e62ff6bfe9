import { readFile } from 'node:fs/promises';
import {
  defineDemo,
  defineOption,
  InvalidValueError,
  type DemoContext,
  type Prepared,
} from '../../src/engine/demo.js';
import { parseInteger } from '../../src/engine/options.js';
import { formatCount } from '../../src/engine/format.js';
import { LOOP_DELAY_COLUMNS } from '../../src/engine/heartbeat.js';
import { throwIfStopRequested } from '../../src/engine/stop-request.js';
import { watchForStopRequests } from '../../src/engine/stop-watcher.js';
import { assertReadableFile, makeTemporaryFile, readFileSyncInChunks } from './files.js';
import { awaited, CALLER_MS, forgottenAwait, RECEIPT_MS, SAVE_MS } from './forgotten-await.js';

/** The lesson of the reads is the event loop's delay: the one that froze it may end sooner. */
const LOOP_DELAY_RANK = { stat: 'maxLoopDelayMs', label: 'loop delay' };

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

/** The file the read variants read (named, or made by `prepare`); null when none of them runs. */
interface ReadFile {
  path: string | null;
}

type Context = DemoContext<Options, ReadFile>;

export default defineDemo({
  name: 'pitfalls',
  summary: 'two classic mistakes: the forgotten await and the blocking call',
  lesson: 'Await every promise you start, and keep synchronous calls off the loop.',
  hint:
    'forgotten-await: the caller gets a pending Promise, the work goes on without it, and its\n' +
    'failure is an unhandled rejection (shown here safely). blocking-read: readFileSync freezes\n' +
    'every other task (see the heartbeat and the late timer); readFile keeps the loop free.',
  inAsyncio: [
    "A forgotten await: in Node the work runs detached and a failure becomes an unhandled rejection that ends the process (exit 1); in Python the coroutine never runs at all and a RuntimeWarning says 'never awaited'.",
    "A task's exception left unread is only logged ('Task exception was never retrieved') and the process exits 0.",
    'asyncio.run cancels the tasks left over when main returns; Node keeps running until its timers and sockets are done.',
  ],
  examples: ['async-demos pitfalls --forgotten-await', 'async-demos pitfalls --scale 0.2'],
  options,
  asyncioTwin: {
    variants: ['forgotten-await', 'awaited', 'blocking-read', 'async-read'],
    input: (_options, { path }: ReadFile) => ({ path }),
  },
  taskNames: () => ['caller', 'save-order', 'send-receipt', 'timer', 'read'],
  columns: [...LOOP_DELAY_COLUMNS, { header: 'Unhandled', stat: 'unhandledRejections' }],
  async prepare(options, { scale, signal, variants }): Promise<Prepared<ReadFile>> {
    const reads = ['blocking-read', 'async-read'].some((name) => variants.includes(name));
    if (!reads) return { state: { path: null } };
    // The blocking read holds the thread: a thread of its own hears Ctrl-C meanwhile.
    const stopWatching = variants.includes('blocking-read') ? await watchForStopRequests() : null;
    try {
      return await prepareFile(options, scale, signal, stopWatching);
    } catch (error) {
      await stopWatching?.();
      throw error;
    }
  },
  variants: {
    'forgotten-await': {
      group: 'forgotten-await',
      summary: 'call async functions without await: a pending Promise, work left detached',
      ideal: () => CALLER_MS,
      run: (ctx) => forgottenAwait(ctx),
    },
    awaited: {
      group: 'awaited',
      summary: 'the fix: await each call and handle its failure',
      ideal: () => SAVE_MS + RECEIPT_MS,
      run: (ctx) => awaited(ctx),
    },
    'blocking-read': {
      group: 'read',
      summary: 'readFileSync in async code: every other task waits for it',
      ideal: () => null,
      rankBy: LOOP_DELAY_RANK,
      heartbeat: true,
      async run(ctx) {
        const timer = startTimer(ctx);
        // readFileSync in 1 MiB reads, each checking for a stop request (Ctrl-C): the
        // thread is held throughout, as by one call.
        const read = (path: string) =>
          readFileSyncInChunks(path, () => throwIfStopRequested(ctx.signal));
        await readTask(ctx, 'readFileSync', (path) => Promise.resolve(read(path)));
        await timer;
      },
    },
    'async-read': {
      group: 'read',
      summary: 'its non-blocking twin, readFile: the loop stays free',
      ideal: () => null,
      rankBy: LOOP_DELAY_RANK,
      heartbeat: true,
      async run(ctx) {
        const timer = startTimer(ctx);
        await readTask(ctx, 'readFile', (path) => readFile(path, { signal: ctx.signal }));
        await timer;
      },
    },
  },
});

/** The file the reads read: the one named, or a temporary one (removed by dispose). */
async function prepareFile(
  options: Options,
  scale: number,
  signal: AbortSignal,
  stopWatching: (() => Promise<void>) | null,
): Promise<Prepared<ReadFile>> {
  if (options.file !== null) {
    await assertReadableFile(options.file);
    return { state: { path: options.file }, ...(stopWatching ? { dispose: stopWatching } : {}) };
  }
  const file = await makeTemporaryFile(options.fileMib * 2 ** 20 * scale, signal);
  return {
    state: { path: file.path },
    notes: [
      `a temporary file of ${formatCount(file.bytes)} bytes for the read variants: ${file.path}`,
    ],
    dispose: async () => {
      await Promise.all([file.remove(), stopWatching?.()]);
    },
  };
}

/** A short timer next to the read: how late it fires shows whether the loop was free. */
function startTimer(ctx: Context): Promise<void> {
  return ctx.task('timer', async (task) => {
    const due = TIMER_MS * ctx.scale;
    await task.sleep(TIMER_MS);
    const late = ctx.now() - due;
    task.log(`due at ${due.toFixed(0)} ms, fired ${late.toFixed(0)} ms late`);
    ctx.stat('timerLateMs', Math.round(late * 10) / 10);
  });
}

function readTask(
  ctx: Context,
  how: string,
  read: (path: string) => Promise<Buffer>,
): Promise<string> {
  const { path } = ctx.state;
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
