import type { ResFrame } from "../wire/frames.ts";
import { isRecord } from "../wire/frames.ts";
import { GatewayConnection, GatewayRequestError } from "../wire/client.ts";
import { createDeviceIdentity, type DeviceIdentity } from "../wire/device.ts";

/** An independent client with its own fresh ed25519 device that creates a requester-bound approval. */
export interface Requester {
  device: DeviceIdentity;
  approvalId: string;
  /** The older request dialect this build needed (what was dropped and why), or null for the current one. */
  dialect: string | null;
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

/**
 * A plugin approval cannot opt out of needing a delivery route (plugin.approval.request rejects requireDeliveryRoute):
 * without an approval client connected, the gateway expires it at once ("no-approval-route"). This connection is that
 * route: an operator that declares the approvals capability, as an approval UI would.
 */
async function approvalRoute(url: string, gatewayToken: string, label: string, timeoutMs: number): Promise<GatewayConnection> {
  return GatewayConnection.connect({
    url,
    clientId: "gateway-client",
    clientMode: "backend",
    scopes: ["operator.admin", "operator.approvals"],
    caps: ["approvals"],
    token: gatewayToken,
    displayName: `approval-runtime-smoke approval route (${label})`,
    timeoutMs,
  });
}

/**
 * Properties the harness adds to a request that an older build's schema may not know. A build that answers
 * INVALID_REQUEST "unexpected property 'X'" for one of these gets the request without it, and what the property
 * stood for is provided another way: requireDeliveryRoute:false (2026.5.13 and later) is replaced by an approval
 * route connection, as a build before it needs (2026.5.12 expires an approval with no route at once).
 */
export const DIALECT_FALLBACKS: Readonly<Record<string, string>> = {
  requireDeliveryRoute: "approval route connection held instead",
};

/** The harness-added property an older build's answer rejects, or null when the answer is about something else. Pure. */
export function rejectedProperty(err: unknown, params: Record<string, unknown>): string | null {
  if (!(err instanceof GatewayRequestError) || err.code !== "INVALID_REQUEST") return null;
  const m = /unexpected property '([\w.]+)'/.exec(err.message);
  const prop = m?.[1] ?? null;
  return prop !== null && prop in DIALECT_FALLBACKS && prop in params ? prop : null;
}

export async function createRequesterApproval(url: string, gatewayToken: string, label: string, timeoutMs: number, kind: "exec" | "plugin" = "exec"): Promise<Requester> {
  let route = kind === "plugin" ? await approvalRoute(url, gatewayToken, label, timeoutMs) : null;
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
  }).catch((err: unknown) => {
    route?.close();
    throw err;
  });
  try {
    const method = kind === "exec" ? "exec.approval.request" : "plugin.approval.request";
    let params = kind === "exec" ? runtimeRequestParams(label) : pluginRequestParams(label);
    let dialect: string | null = null;
    let answer: Awaited<ReturnType<GatewayConnection["requestTwoPhase"]>>;
    try {
      answer = await conn.requestTwoPhase(method, params, timeoutMs);
    } catch (err) {
      // An older build's schema: feature-detected from its own answer, never assumed from its version.
      const prop = rejectedProperty(err, params);
      if (prop === null) throw err;
      const { [prop]: _dropped, ...rest } = params;
      params = rest;
      route ??= await approvalRoute(url, gatewayToken, label, timeoutMs);
      dialect = `${method} without ${prop} (the build answered INVALID_REQUEST unexpected property '${prop}'); ${DIALECT_FALLBACKS[prop] ?? ""}`;
      answer = await conn.requestTwoPhase(method, params, timeoutMs);
    }
    const { accepted, final } = answer;
    const approvalId = isRecord(accepted) && typeof accepted.id === "string" ? accepted.id : null;
    if (!approvalId) throw new Error(`${method} accepted without an approval id`);
    // A first answer that already carries a decision is no acceptance: the gateway settled (expired) it at once.
    if (!isRecord(accepted) || accepted.status !== "accepted") throw new Error(`${method} was not accepted as pending: ${JSON.stringify(accepted).slice(0, 200)}`);
    const held = route;
    return {
      device,
      approvalId,
      dialect,
      final: final.then(decisionOf, () => null),
      close: () => {
        conn.close();
        held?.close();
      },
    };
  } catch (err) {
    conn.close();
    route?.close();
    throw err;
  }
}

function decisionOf(res: ResFrame): string | null {
  if (!res.ok) return null;
  return isRecord(res.payload) && typeof res.payload.decision === "string" ? res.payload.decision : null;
}
