import { createConnection, createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A loopback port on the host that relays bytes to a unix socket: the tap service's socket inside the gateway's
 * network namespace (its other end dials the gateway on the namespace's loopback). The harness's requester and admin
 * clients connect here, so the gateway sees them as local, as the process executor's do.
 */
export interface Relay {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Pipe two sockets into each other; when either ends or fails, both are destroyed. */
export function splice(a: Socket, b: Socket): void {
  a.pipe(b).pipe(a);
  const end = (): void => {
    a.destroy();
    b.destroy();
  };
  for (const s of [a, b]) {
    s.on("error", end);
    s.on("close", end);
  }
}

export async function startRelay(socketPath: string): Promise<Relay> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(socketPath);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    splice(client, upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
