import type { Socket } from 'node:net';
import type { buildConnector } from 'undici';

/** undici's connector, and a way to drop the connections it has not finished opening. */
export interface TrackedConnector {
  connect: buildConnector.connector;
  /** Destroys every socket still connecting (a TLS handshake a server never answers). */
  destroyConnecting(): void;
}

/**
 * Wraps undici's connector to remember the sockets it is still opening. An Agent cannot destroy
 * those: its `destroy()` waits for them to connect or time out, so Ctrl-C against a server that
 * accepts TCP and never answers TLS would wait out the whole connect timeout.
 */
export function trackConnecting(connect: buildConnector.connector): TrackedConnector {
  const connecting = new Set<Socket>();
  // Typed as returning nothing, undici's connector returns the socket it is opening.
  const open = connect as unknown as (...args: Parameters<buildConnector.connector>) => Socket;
  const tracked: buildConnector.connector = (options, callback) => {
    // The callback comes later, never from within open(): the socket is known by then.
    const socket = open(options, (...result) => {
      connecting.delete(socket);
      callback(...result);
    });
    connecting.add(socket);
  };
  return {
    connect: tracked,
    destroyConnecting: () => {
      for (const socket of connecting) socket.destroy(new Error('the client closed'));
      connecting.clear();
    },
  };
}
