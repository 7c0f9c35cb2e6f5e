import type { RuntimeOutcome } from "../evidence/types.ts";
import type { WireProbeSpec } from "../plan/scenario-types.ts";
import { pairDevice } from "../clients/pairing.ts";
import { GatewayConnection, GatewayRequestError, type ConnectOptions } from "../wire/client.ts";
import { createDeviceIdentity, type DeviceIdentity } from "../wire/device.ts";
import type { GatewayContext } from "./context.ts";
import type { ClientStepResult } from "./client-input.ts";
import { withNetnsTap } from "./netns-step.ts";
import { probeTokenValue } from "./probe-token.ts";

interface ProbeInput {
  tapUrl: string;
  approvalId: string | null;
  decision: string;
  ctx: GatewayContext;
}

/**
 * A wire probe: the harness's own client presents a chosen token and shape through a tap, then tries the resolve.
 * With a paired device it first pairs that device through the gateway's own pairing methods (the admin approves);
 * from a network namespace it dials the namespace's tap on its veth address, so the gateway sees a non-local peer.
 */
/** One probe's identity, made once: the token it presents and its device, whichever connection uses them. */
interface Probe {
  spec: WireProbeSpec;
  token: string | null;
  device: DeviceIdentity | undefined;
  log: string[];
}

export async function runProbe(spec: WireProbeSpec, p: ProbeInput): Promise<ClientStepResult> {
  const token = probeTokenValue(spec.token, p.ctx.sandbox.generatedSocketToken);
  if (token) p.ctx.redactor.add({ name: `probe-token:${spec.token}`, value: token });
  const device = spec.device ? createDeviceIdentity() : undefined;
  if (device) p.ctx.redactor.add({ name: "probe-device-private-key", value: device.privateKeyPem });
  const probe: Probe = { spec, token, device, log: [] };
  if (device && spec.device === "paired-remotely") {
    // The pairing request comes from a non-local connect; the admin approves it. Its own namespace, its own tap.
    const paired = await withNetnsTap(p.ctx, "veth", (_ns, doors) => pairDevice({ ...connectOptions(probe, doors.local.url, p), device }, p.ctx.gateway.control, p.ctx.timeouts.rpcMs));
    probe.log.push(...paired.result.map((l) => `pairing from ${paired.note}: ${l}`));
  }
  if (spec.network !== "netns") return { runtime: await probeOnce(probe, p.tapUrl, p), isolation: null };
  const r = await withNetnsTap(p.ctx, "veth", (_ns, doors) => probeOnce(probe, doors.local.url, p));
  return { runtime: r.result, isolation: null, wire: r.wire, note: r.note };
}

function connectOptions({ spec, token }: Probe, url: string, p: ProbeInput): ConnectOptions {
  return {
    url,
    clientId: spec.clientId,
    clientMode: spec.clientMode,
    scopes: spec.scopes,
    caps: ["approvals"],
    token: p.ctx.sandbox.secrets.gatewayToken,
    ...(token ? { approvalRuntimeToken: token } : {}),
    displayName: "approval-runtime-smoke probe",
    timeoutMs: p.ctx.timeouts.rpcMs,
  };
}

async function probeOnce(probe: Probe, url: string, p: ProbeInput): Promise<RuntimeOutcome> {
  const { spec, device, log } = probe;
  const started = Date.now();
  const { ctx } = p;
  const base: RuntimeOutcome = { pid: null, exitCode: null, signal: null, timedOut: false, wallMs: 0, ok: null, errorName: null, errorMessage: null, errorCode: null, errorReason: null, returned: null, logTail: "" };
  let conn: GatewayConnection | null = null;
  try {
    const connectOpts = connectOptions(probe, url, p);
    if (device && spec.device === "local") log.push(...(await pairDevice({ ...connectOpts, device }, ctx.gateway.control, ctx.timeouts.rpcMs)));
    conn = await GatewayConnection.connect({ ...connectOpts, ...(device ? { device } : {}) });
    if (p.approvalId === null) throw new Error("a wire probe needs an approval to resolve");
    await conn.request("exec.approval.resolve", { id: p.approvalId, decision: p.decision }, ctx.timeouts.rpcMs);
    return { ...base, ok: true, wallMs: Date.now() - started, logTail: ctx.redactor.text(log.join("\n")) };
  } catch (err) {
    const e = err instanceof GatewayRequestError ? err : null;
    const message = err instanceof Error ? err.message : String(err);
    return {
      ...base,
      ok: false,
      wallMs: Date.now() - started,
      errorName: err instanceof Error ? err.name : "Error",
      errorMessage: ctx.redactor.text(message).slice(0, 300),
      errorCode: e?.code ?? null,
      errorReason: e?.reason ?? null,
      logTail: ctx.redactor.text(log.join("\n")),
    };
  } finally {
    conn?.close();
  }
}
