import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { listenerPid, listeningInodes } from "./listener.ts";

const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:4E20 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 123456 1 0000000000000000 100 0 0 10 0
   1: 0100007F:4E20 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 654321 1 0000000000000000 100 0 0 10 0
   2: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777777 1 0000000000000000 100 0 0 10 0`;

describe("who listens on a port", () => {
  it("reads only LISTEN entries of that local port", () => {
    expect(listeningInodes(TABLE, 20000)).toEqual(["123456"]);
    expect(listeningInodes(TABLE, 8080)).toEqual(["777777"]);
    expect(listeningInodes(TABLE, 9999)).toEqual([]);
  });

  it("finds this process behind a port it listens on, and nobody behind a closed one", async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as { port: number }).port;
    expect(await listenerPid(port)).toBe(process.pid);
    await new Promise<void>((r) => server.close(() => r()));
    expect(await listenerPid(port)).toBeNull();
  });
});
