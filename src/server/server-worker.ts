/**
 * The program of the thread `startServerOffThread` starts: the demo's server, answering on its own
 * thread so that the client on the main thread is what a run measures. It says where it listens
 * (or why it cannot) and answers requests for its counts; the main thread ends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startServer, type ServerOptions } from './server.js';
import type { FromServerThread, ToServerThread } from './off-thread.js';

const port = parentPort;
if (!port) throw new Error('server-worker runs as a worker thread');
const post = (message: FromServerThread) => port.postMessage(message);

try {
  const server = await startServer(workerData as Omit<ServerOptions, 'onRequest'>);
  port.on('message', (message: ToServerThread) => {
    if (message === 'resetPeak') server.resetPeak();
    post({ kind: 'counts', counts: server.counts() });
  });
  post({ kind: 'listening', url: server.url, port: server.port, host: server.host });
} catch (error) {
  post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
}
