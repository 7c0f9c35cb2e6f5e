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

export async function createRequesterApproval(url: string, gatewayToken: string, label: string, timeoutMs: number): Promise<Requester> {
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
    const { accepted, final } = await conn.requestTwoPhase(
      "exec.approval.request",
      {
        command: `echo approval-runtime-smoke ${label}`,
        host: "gateway",
        cwd: "/",
        agentId: "main",
        sessionKey: "agent:main:main",
        twoPhase: true,
        timeoutMs: 120_000,
        requireDeliveryRoute: false,
      },
      timeoutMs,
    );
    const approvalId = isRecord(accepted) && typeof accepted.id === "string" ? accepted.id : null;
    if (!approvalId) throw new Error("exec.approval.request accepted without an approval id");
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
