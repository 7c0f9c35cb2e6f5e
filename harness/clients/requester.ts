import type { ResFrame } from "../wire/frames.ts";
import { isRecord } from "../wire/frames.ts";
import { GatewayConnection } from "../wire/client.ts";
import { createDeviceIdentity, type DeviceIdentity } from "../wire/device.ts";

/** An independent client with its own fresh ed25519 device that creates a requester-bound approval. */
export interface Requester {
  device: DeviceIdentity;
  approvalId: string;
  /** Resolves with the decision the requester finally received, or null if the connection ended without one. */
  final: Promise<string | null>;
  close(): void;
}

/** The command every approval of this harness carries: the scenario id in it tells whose approval it is. */
export function approvalCommand(label: string): string {
  return `echo approval-runtime-smoke ${label}`;
}

/** exec.approval.request params: two-phase, gateway host, no delivery route needed (nothing else is connected). Pure. */
export function runtimeRequestParams(label: string): Record<string, unknown> {
  return {
    command: approvalCommand(label),
    host: "gateway",
    cwd: "/",
    agentId: "main",
    sessionKey: "agent:main:main",
    twoPhase: true,
    timeoutMs: 120_000,
    requireDeliveryRoute: false,
  };
}

/** plugin.approval.request params for a requester-bound plugin approval with no delivery route. Pure. */
export function pluginRequestParams(label: string): Record<string, unknown> {
  return {
    pluginId: "approval-runtime-smoke",
    title: `approval-runtime-smoke ${label}`,
    description: `Plugin approval of the approval-runtime smoke harness (${label})`,
    agentId: "main",
    sessionKey: "agent:main:main",
    twoPhase: true,
    timeoutMs: 120_000,
  };
}

export async function createRequesterApproval(url: string, gatewayToken: string, label: string, timeoutMs: number, kind: "exec" | "plugin" = "exec"): Promise<Requester> {
  const device = createDeviceIdentity();
  const conn = await GatewayConnection.connect({
    url,
    clientId: "gateway-client",
    clientMode: "backend",
    scopes: ["operator.approvals"],
    token: gatewayToken,
    device,
    displayName: `approval-runtime-smoke requester (${label})`,
    timeoutMs,
  });
  try {
    const [method, params] = kind === "exec" ? ["exec.approval.request", runtimeRequestParams(label)] : ["plugin.approval.request", pluginRequestParams(label)];
    const { accepted, final } = await conn.requestTwoPhase(method, params, timeoutMs);
    const approvalId = isRecord(accepted) && typeof accepted.id === "string" ? accepted.id : null;
    if (!approvalId) throw new Error(`${method} accepted without an approval id`);
    return {
      device,
      approvalId,
      final: final.then(decisionOf, () => null),
      close: () => conn.close(),
    };
  } catch (err) {
    conn.close();
    throw err;
  }
}

function decisionOf(res: ResFrame): string | null {
  if (!res.ok) return null;
  return isRecord(res.payload) && typeof res.payload.decision === "string" ? res.payload.decision : null;
}
