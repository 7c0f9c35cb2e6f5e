// The wire tap of the Compose lane, run as the `smoke-tap` service inside the gateway container's network namespace.
// It listens on SMOKE_TAP_PORT (the port clients dial) and forwards frames unchanged to the gateway on
// SMOKE_GATEWAY_PORT: from loopback for a loopback client (as the client would have connected itself), from the
// container's network address for a client on the network (so the gateway still sees a non-loopback peer).
// It also relays the harness's own requester and admin clients from a unix socket in SMOKE_TAP_DIR to the gateway on
// loopback, and writes what it saw to SMOKE_TAP_DIR/tap.json (no raw secret: see tap.ts and observe.ts).
import { writeFileSync, renameSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { startTap } from "../tap/tap.ts";
import { splice } from "./relay.ts";

const port = Number(process.env.SMOKE_TAP_PORT ?? "18789");
const gatewayPort = Number(process.env.SMOKE_GATEWAY_PORT ?? "18790");
const dir = process.env.SMOKE_TAP_DIR ?? "/smoke-tap";
const ownAddress = Object.values(networkInterfaces()).flat().find((a) => a && a.family === "IPv4" && !a.internal)?.address ?? null;
const loopback = (peer: string): boolean => /^(127\.|::1$|::ffff:127\.)/.test(peer);

const tap = await startTap({
  upstreamUrl: `ws://127.0.0.1:${gatewayPort}`,
  upstreamFor: (peer) => (loopback(peer) || ownAddress === null ? `ws://127.0.0.1:${gatewayPort}` : `ws://${ownAddress}:${gatewayPort}`),
  derivedToken: process.env.SMOKE_TAP_DERIVED ?? "",
  host: "0.0.0.0",
  ports: { local: port },
});

const socketPath = join(dir, "gateway.sock");
rmSync(socketPath, { force: true });
const relay = createServer((client) => splice(client, createConnection({ host: "127.0.0.1", port: gatewayPort })));
relay.listen(socketPath);

let last = "";
const write = (): void => {
  const text = JSON.stringify({ tapDoors: tap.doors, ownAddress, tapConnections: tap.connections() });
  if (text === last) return;
  last = text;
  writeFileSync(join(dir, "tap.json.tmp"), text);
  renameSync(join(dir, "tap.json.tmp"), join(dir, "tap.json"));
};
write();
const timer = setInterval(write, 100);
const stop = (): void => {
  clearInterval(timer);
  write();
  relay.close();
  void tap.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
