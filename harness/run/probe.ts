import type { RuntimeOutcome } from "../evidence/types.ts";
import type { WireProbeSpec } from "../plan/scenario-types.ts";
import { GatewayConnection, GatewayRequestError } from "../wire/client.ts";
import type { GatewayContext } from "./context.ts";
import { probeTokenValue } from "./probe-token.ts";

/** A wire probe: the harness's own client presents a chosen token and shape through the tap, then tries the resolve. */
export async function runProbe(
  spec: WireProbeSpec,
  p: { tapUrl: string; approvalId: string; decision: string; ctx: GatewayContext },
): Promise<RuntimeOutcome> {
  const started = Date.now();
  const token = probeTokenValue(spec.token, p.ctx.sandbox.generatedSocketToken);
  if (token) p.ctx.redactor.add({ name: `probe-token:${spec.token}`, value: token });
  const base: RuntimeOutcome = { pid: null, exitCode: null, signal: null, timedOut: false, wallMs: 0, ok: null, errorName: null, errorMessage: null, errorCode: null, errorReason: null, logTail: "" };
  let conn: GatewayConnection | null = null;
  try {
    conn = await GatewayConnection.connect({
      url: p.tapUrl,
      clientId: spec.clientId,
      clientMode: spec.clientMode,
      scopes: spec.scopes,
      caps: ["approvals"],
      token: p.ctx.sandbox.secrets.gatewayToken,
      ...(token ? { approvalRuntimeToken: token } : {}),
      displayName: "approval-runtime-smoke probe",
      timeoutMs: p.ctx.timeouts.rpcMs,
    });
    await conn.request("exec.approval.resolve", { id: p.approvalId, decision: p.decision }, p.ctx.timeouts.rpcMs);
    return { ...base, ok: true, wallMs: Date.now() - started };
  } catch (err) {
    const e = err instanceof GatewayRequestError ? err : null;
    const message = err instanceof Error ? err.message : String(err);
    return { ...base, ok: false, wallMs: Date.now() - started, errorName: err instanceof Error ? err.name : "Error", errorMessage: p.ctx.redactor.text(message).slice(0, 300), errorCode: e?.code ?? null, errorReason: e?.reason ?? null };
  } finally {
    conn?.close();
  }
}
