import type { Worker } from 'node:worker_threads';
import { DemoError } from '../engine/errors.js';
import type { ServerCounts, ServerOptions } from './server.js';

/** What the main thread asks the server's thread: its counts, or to start the peak afresh. */
export type ToServerThread = 'counts' | 'resetPeak';

export type FromServerThread =
  | { kind: 'listening'; url: string; port: number; host: string }
  | { kind: 'failed'; message: string }
  | { kind: 'counts'; counts: ServerCounts };

/** The demo's server on a thread of its own; the same endpoints as `startServer`. */
export interface OffThreadServer {
  /** The base address, such as `http://127.0.0.1:40123`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  counts(): Promise<ServerCounts>;
  /** Starts counting the peak afresh; resolves with the counts at that moment. */
  resetPeak(): Promise<ServerCounts>;
  /** Ends the thread, and with it the listener and every connection. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the server on a worker thread and resolves once it listens. A client measured against it
 * shares its thread with nobody: the server's parsing and timers run on another core. The thread
 * does not keep the process alive, and ends with it on any exit, so no listener can outlive it.
 */
export async function startServerOffThread(
  options: Omit<ServerOptions, 'onRequest'> = {},
): Promise<OffThreadServer> {
  const worker = await spawn(options);
  try {
    const ready = await nextMessage(worker);
    if (ready.kind === 'failed') throw new DemoError(ready.message);
    if (ready.kind !== 'listening') throw new Error(`the server thread said ${ready.kind} first`);
    worker.unref();
    const ask = async (message: ToServerThread) => {
      worker.ref();
      try {
        const answer = nextMessage(worker);
        worker.postMessage(message);
        const reply = await answer;
        if (reply.kind !== 'counts') throw new Error('the server thread did not send its counts');
        return reply.counts;
      } finally {
        worker.unref();
      }
    };
    return {
      url: ready.url,
      port: ready.port,
      host: ready.host,
      counts: () => ask('counts'),
      resetPeak: () => ask('resetPeak'),
      close: () => worker.terminate().then(() => {}),
    };
  } catch (error) {
    await worker.terminate();
    throw error;
  }
}

/**
 * Compiled, the thread's program is the `server-worker.js` beside this module (the bundle has it
 * as an entry of its own). From the TypeScript sources (tsx, vitest) the thread registers tsx
 * first, as this process did.
 */
async function spawn(options: Omit<ServerOptions, 'onRequest'>): Promise<Worker> {
  const { Worker } = await import('node:worker_threads');
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./server-worker.js', import.meta.url), { workerData: options });
  }
  const tsx = await tsxApiUrl();
  const program = new URL('./server-worker.ts', import.meta.url).href;
  const source =
    `import(${JSON.stringify(tsx)})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(program)}); })`;
  return new Worker(source, { eval: true, workerData: options });
}

/** tsx's ESM API as a file URL, found through its package's exports (its CJS twin cannot register). */
async function tsxApiUrl(): Promise<string> {
  const [{ createRequire }, { readFile }, { pathToFileURL }] = await Promise.all([
    import('node:module'),
    import('node:fs/promises'),
    import('node:url'),
  ]);
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(await readFile(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = exports['./esm/api']?.import.default;
  if (!api) throw new Error('tsx has no ESM API to register in the server thread');
  return new URL(api, pathToFileURL(manifest)).href;
}

/** The thread's next message; rejects if it fails or exits first. */
function nextMessage(worker: Worker): Promise<FromServerThread> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromServerThread) => {
      settle();
      resolve(message);
    };
    const onError = (error: Error) => {
      settle();
      reject(error);
    };
    const onExit = (code: number) => {
      settle();
      reject(new Error(`the server thread exited (code ${code})`));
    };
    function settle() {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    }
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
