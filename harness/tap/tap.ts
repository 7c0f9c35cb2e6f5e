import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import type { RpcObservation, WireConnection } from "../evidence/types.ts";
import { errorReason, isRecord, parseFrame } from "../wire/frames.ts";
import { approvalIdOf, grantedScopes, observeConnect } from "./observe.ts";

/**
 * A loopback WebSocket proxy in front of the gateway that forwards frames unchanged and records observations.
 * It listens on one port per door (see TAP_DOORS), so the URL a client dialed is seen, not assumed.
 */
export interface Tap {
  /** The "local" door: the port a set-up writes as gateway.port. */
  port: number;
  url: string;
  doors: Record<TapDoor, { port: number; url: string }>;
  /** Epoch ms that every `*AtMs` in its records counts from. */
  startedAt: number;
  connections(): WireConnection[];
  /** Stop forwarding (fault injection): frames are swallowed from now on. */
  freeze(): void;
  /** The derivation later connects are compared with (after the socket token was rotated). */
  setDerivedToken(token: string): void;
  close(): Promise<void>;
}

export interface TapOptions {
  upstreamUrl: string;
  derivedToken: string;
  /** Where the doors listen (default 127.0.0.1). */
  host?: string;
  /** Fixed ports for some doors (default: each an ephemeral port). */
  ports?: Partial<Record<TapDoor, number>>;
  /** The upstream for a client from this peer address (default: upstreamUrl for every client). */
  upstreamFor?: (peer: string) => string;
}

/** The doors of a tap: local (gateway.port), env (OPENCLAW_GATEWAY_URL), remote (gateway.remote.url), explicit (gatewayUrl). */
export const TAP_DOORS = ["local", "env", "remote", "explicit"] as const;
export type TapDoor = (typeof TAP_DOORS)[number];

async function listen(host: string, port = 0): Promise<{ server: WebSocketServer; port: number }> {
  const server = new WebSocketServer({ host, port, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export async function startTap(opts: TapOptions): Promise<Tap> {
  const host = opts.host ?? "127.0.0.1";
  const listeners = await Promise.all(TAP_DOORS.map(async (door) => ({ door, ...(await listen(host, opts.ports?.[door])) })));
  const started = Date.now();
  let derivedToken = opts.derivedToken;
  const records: WireConnection[] = [];
  const sockets = new Set<WebSocket>();
  let frozen = false;

  const onConnection = (door: TapDoor, client: WebSocket, req: IncomingMessage): void => {
    const record: WireConnection = {
      index: records.length,
      peer: `${req.socket.remoteAddress ?? "?"}`,
      upstreamLocalAddress: null,
      door,
      host: req.headers.host ?? null,
      openedAtMs: Date.now() - started,
      connect: null,
      hello: null,
      rpcs: [],
      close: null,
    };
    records.push(record);
    const pending = new Map<string, RpcObservation>();
    let connectId: string | null = null;
    const upstream = new WebSocket(opts.upstreamFor?.(record.peer) ?? opts.upstreamUrl, { perMessageDeflate: false });
    sockets.add(client);
    sockets.add(upstream);
    const queue: Array<{ data: WebSocket.RawData; binary: boolean }> = [];
    const closeBoth = (by: "client" | "gateway" | "tap", code: number | null, reason: string): void => {
      if (!record.close) record.close = { by, code, reason: reason.slice(0, 200), atMs: Date.now() - started };
      for (const s of [client, upstream]) if (s.readyState === WebSocket.OPEN || s.readyState === WebSocket.CONNECTING) s.terminate();
    };

    client.on("message", (data, binary) => {
      if (frozen) return;
      const frame = binary ? null : parseFrame(data.toString());
      if (frame?.type === "req") {
        if (frame.method === "connect") {
          connectId = frame.id;
          record.connect = observeConnect(frame.params, derivedToken);
        } else {
          const rpc: RpcObservation = { method: frame.method, approvalId: approvalIdOf(frame.method, frame.params), ok: null, applied: null, errorCode: null, reason: null, message: null, sentAtMs: Date.now() - started, answeredAtMs: null };
          record.rpcs.push(rpc);
          pending.set(frame.id, rpc);
        }
      }
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary });
      else queue.push({ data, binary });
    });
    upstream.on("upgrade", (res) => {
      record.upstreamLocalAddress = res.socket.localAddress ?? null;
    });
    upstream.on("open", () => {
      for (const q of queue.splice(0)) upstream.send(q.data, { binary: q.binary });
    });
    upstream.on("message", (data, binary) => {
      if (frozen) return;
      const frame = binary ? null : parseFrame(data.toString());
      if (frame?.type === "res") {
        if (frame.id === connectId && !record.hello) {
          record.hello = { ok: frame.ok, errorCode: frame.error?.code ?? null, reason: errorReason(frame.error), message: frame.error?.message?.slice(0, 200) ?? null, grantedScopes: grantedScopes(frame.payload) };
        } else {
          const rpc = pending.get(frame.id);
          if (rpc && rpc.ok === null) {
            rpc.ok = frame.ok;
            rpc.applied = isRecord(frame.payload) && typeof frame.payload.applied === "boolean" ? frame.payload.applied : null;
            rpc.answeredAtMs = Date.now() - started;
            rpc.errorCode = frame.error?.code ?? null;
            rpc.reason = errorReason(frame.error);
            rpc.message = frame.error?.message?.slice(0, 200) ?? null;
          }
        }
      }
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary });
    });
    client.on("close", (code, reason) => closeBoth("client", code, reason.toString()));
    upstream.on("close", (code, reason) => closeBoth("gateway", code, reason.toString()));
    client.on("error", () => closeBoth("client", null, "client socket error"));
    upstream.on("error", (err) => closeBoth("tap", null, `upstream error: ${err.message}`));
  };
  for (const l of listeners) l.server.on("connection", (client, req) => onConnection(l.door, client, req));
  const doors = Object.fromEntries(listeners.map((l) => [l.door, { port: l.port, url: `ws://${host}:${l.port}` }])) as Tap["doors"];

  return {
    port: doors.local.port,
    url: doors.local.url,
    doors,
    startedAt: started,
    connections: () => records.map((r) => structuredClone(r)),
    freeze() {
      frozen = true;
    },
    setDerivedToken(token) {
      derivedToken = token;
    },
    async close() {
      for (const s of sockets) s.terminate();
      await Promise.all(listeners.map((l) => new Promise<void>((resolve) => l.server.close(() => resolve()))));
    },
  };
}
