import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { createRedactor } from "../evidence/redact.ts";
import { startTap, type Tap } from "./tap.ts";

const SECRET = "gw_tok_planted_9c1e4b7a2f5d8e3c6b0a";

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A fake gateway that refuses one RPC echoing the secret in its message, then closes with it in the reason. */
async function echoingGateway(): Promise<string> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise((r) => server.once("listening", r));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  server.on("connection", (ws) => {
    ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as { id: string };
      ws.send(JSON.stringify({ type: "res", id: frame.id, ok: false, error: { code: "INVALID_REQUEST", message: `bad token ${SECRET}`, details: { reason: "NOPE" } } }));
      ws.close(4001, `auth failed for ${SECRET}`);
    });
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * The tap keeps the gateway's error message and close reason as sent (they can echo a secret); the scenario
 * redacts the wire record where it assembles its observations (run/scenario.ts: obs.wire = ctx.redactor.deep(…)).
 */
describe("the tap's record as the scenario stores it", () => {
  it("has the gateway's error message and close reason redacted", async () => {
    const tap: Tap = await startTap({ upstreamUrl: await echoingGateway(), derivedToken: "unused-derived-token-000" });
    cleanup.push(() => tap.close());
    const client = new WebSocket(tap.url);
    await new Promise((r) => client.once("open", r));
    client.send(JSON.stringify({ type: "req", id: "r1", method: "exec.approval.resolve", params: {} }));
    await new Promise((r) => client.once("close", r));
    const raw = tap.connections();
    // What the tap holds (and what the report held before): the secret, verbatim.
    expect(JSON.stringify(raw)).toContain(SECRET);
    const redactor = createRedactor([{ name: "gateway-token", value: SECRET }]);
    const wire = redactor.deep(raw); // as run/scenario.ts assigns obs.wire
    expect(JSON.stringify(wire)).not.toContain(SECRET);
    expect(wire[0]?.rpcs[0]?.message).toBe("bad token «redacted:gateway-token»");
    expect(wire[0]?.close?.reason).toBe("auth failed for «redacted:gateway-token»");
    expect(wire[0]?.rpcs[0]?.method).toBe("exec.approval.resolve");
  });
});
