import { createServer } from 'node:net';

/** A port nobody listens on: taken from the system on 127.0.0.1, then let go. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return address.port;
}

/** Servers and sockets left open, once closing handles are gone (they go a tick later). */
export async function openSockets(): Promise<string[]> {
  const sockets = () =>
    process.getActiveResourcesInfo().filter((kind) => /^TCP(Server|Socket)Wrap$/.test(kind));
  for (let i = 0; i < 100 && sockets().length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return sockets();
}
