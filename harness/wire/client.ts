import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { deviceAuthPayloadV3, signPayload, type DeviceIdentity } from "./device.ts";
import { errorReason, isRecord, parseFrame, type ResError, type ResFrame } from "./frames.ts";

/** The harness's own independent gateway client: requester, control, readiness probe, wire probes. */
export interface ConnectOptions {
  url: string;
  clientId: string;
  clientMode: string;
  scopes: readonly string[];
  caps?: readonly string[];
  displayName?: string;
  token?: string;
  approvalRuntimeToken?: string;
  device?: DeviceIdentity;
  timeoutMs: number;
}

export class GatewayRequestError extends Error {
  readonly code: string | null;
  readonly reason: string | null;
  constructor(method: string, err: ResError | undefined) {
    super(`${method} failed: ${err?.code ?? "?"} ${err?.message ?? ""}`.trim());
    this.code = err?.code ?? null;
    this.reason = errorReason(err);
  }
}

class GatewayTimeoutError extends Error {}

/** The RPC methods a hello-ok payload lists (features.methods), or null when it lists none. Pure. */
export function helloMethods(hello: unknown): string[] | null {
  const features = isRecord(hello) && isRecord(hello.features) ? hello.features : null;
  return features && Array.isArray(features.methods) ? features.methods.filter((m): m is string => typeof m === "string") : null;
}

type Waiter = (frame: ResFrame) => void;

export class GatewayConnection {
  private readonly ws: WebSocket;
  private readonly waiters = new Map<string, Waiter[]>();
  private closed = false;
  private closeListeners: Array<(code: number, reason: string) => void> = [];
  /** The hello-ok payload of this connection (features.methods, auth.scopes, …), once connected. */
  hello: unknown = null;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on("message", (data) => {
      const frame = parseFrame(data.toString());
      if (frame?.type !== "res") return;
      const queue = this.waiters.get(frame.id);
      const next = queue?.shift();
      if (next) next(frame);
    });
    ws.on("close", (code, reason) => {
      this.closed = true;
      for (const l of this.closeListeners) l(code, reason.toString());
    });
  }

  /** Open, answer the challenge, send connect. Resolves with hello-ok payload, rejects with GatewayRequestError. */
  static async connect(opts: ConnectOptions): Promise<GatewayConnection> {
    const ws = new WebSocket(opts.url, { handshakeTimeout: opts.timeoutMs });
    const conn = new GatewayConnection(ws);
    try {
      await withTimeout(conn.handshake(opts), opts.timeoutMs, `connect to ${opts.url}`);
      return conn;
    } catch (err) {
      conn.close();
      throw err;
    }
  }

  private handshake(opts: ConnectOptions): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.ws.once("error", reject);
      this.onClose((code, reason) => reject(new Error(`gateway closed during connect (${code}) ${reason}`)));
      const onMessage = (data: WebSocket.RawData): void => {
        const frame = parseFrame(data.toString());
        if (frame?.type !== "event" || frame.event !== "connect.challenge") return;
        this.ws.off("message", onMessage);
        const nonce = isRecord(frame.payload) && typeof frame.payload.nonce === "string" ? frame.payload.nonce : "";
        this.request("connect", buildConnectParams(opts, nonce), opts.timeoutMs).then((payload) => {
          this.hello = payload;
          resolve();
        }, reject);
      };
      this.ws.on("message", onMessage);
    });
  }

  onClose(listener: (code: number, reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  private send(method: string, params: unknown): string {
    const id = randomUUID();
    this.ws.send(JSON.stringify({ type: "req", id, method, params }));
    return id;
  }

  private nextResponse(id: string): Promise<ResFrame> {
    return new Promise<ResFrame>((resolve, reject) => {
      if (this.closed) return reject(new Error("connection closed"));
      const list = this.waiters.get(id) ?? [];
      list.push(resolve);
      this.waiters.set(id, list);
      this.onClose((code) => reject(new Error(`connection closed (${code}) while waiting`)));
    });
  }

  /** One request, one response; throws GatewayRequestError on ok:false. */
  async request(method: string, params: unknown, timeoutMs: number): Promise<unknown> {
    const id = this.send(method, params);
    const res = await withTimeout(this.nextResponse(id), timeoutMs, method);
    if (!res.ok) throw new GatewayRequestError(method, res.error);
    return res.payload;
  }

  /** A twoPhase request: the first response is the acceptance; `final` is the second response with the same id. */
  async requestTwoPhase(method: string, params: unknown, timeoutMs: number): Promise<{ accepted: unknown; final: Promise<ResFrame> }> {
    const id = this.send(method, params);
    const first = this.nextResponse(id);
    const second = this.nextResponse(id);
    second.catch(() => undefined);
    const res = await withTimeout(first, timeoutMs, method);
    if (!res.ok) throw new GatewayRequestError(method, res.error);
    return { accepted: res.payload, final: second };
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }
}

function buildConnectParams(opts: ConnectOptions, nonce: string): Record<string, unknown> {
  const platform = process.platform;
  const auth: Record<string, string> = {};
  if (opts.token !== undefined) auth.token = opts.token;
  if (opts.approvalRuntimeToken !== undefined) auth.approvalRuntimeToken = opts.approvalRuntimeToken;
  const signedAtMs = Date.now();
  const device = opts.device
    ? {
        id: opts.device.deviceId,
        publicKey: opts.device.publicKeyRaw,
        signature: signPayload(
          opts.device,
          deviceAuthPayloadV3({
            deviceId: opts.device.deviceId,
            clientId: opts.clientId,
            clientMode: opts.clientMode,
            role: "operator",
            scopes: opts.scopes,
            signedAtMs,
            token: opts.token ?? null,
            nonce,
            platform,
          }),
        ),
        signedAt: signedAtMs,
        nonce,
      }
    : undefined;
  return {
    minProtocol: 3,
    maxProtocol: 4,
    client: {
      id: opts.clientId,
      displayName: opts.displayName ?? "approval-runtime-smoke",
      version: "smoke",
      platform,
      mode: opts.clientMode,
      instanceId: randomUUID(),
    },
    caps: [...(opts.caps ?? [])],
    role: "operator",
    scopes: [...opts.scopes],
    auth,
    ...(device ? { device } : {}),
  };
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GatewayTimeoutError(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}
