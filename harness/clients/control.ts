import type { ControlObservation } from "../evidence/types.ts";
import { isRecord } from "../wire/frames.ts";
import { GatewayConnection } from "../wire/client.ts";
import { createDeviceIdentity } from "../wire/device.ts";
import { approvalCommand } from "./requester.ts";

/** The admin-scoped control client: tells "refused" from "gone", checks who may see an approval, and settles it. */

async function listApprovals(conn: GatewayConnection, timeoutMs: number, method = "exec.approval.list"): Promise<Record<string, unknown>[]> {
  const list = await conn.request(method, {}, timeoutMs);
  const items: unknown[] = Array.isArray(list) ? list : isRecord(list) && Array.isArray(list.approvals) ? list.approvals : [];
  return items.filter(isRecord);
}

/** The command an approval listing carries, or null. Pure. */
function listedCommand(item: Record<string, unknown>): string | null {
  const req = isRecord(item.request) ? item.request : {};
  for (const v of [item.command, req.command]) if (typeof v === "string") return v;
  return null;
}

/** Plugin approvals (ids "plugin:…") are listed and settled by the plugin methods. */
function methodsFor(approvalId: string): { list: string; resolve: string } {
  return approvalId.startsWith("plugin:") ? { list: "plugin.approval.list", resolve: "plugin.approval.resolve" } : { list: "exec.approval.list", resolve: "exec.approval.resolve" };
}

export async function checkAndSettle(control: GatewayConnection, approvalId: string, timeoutMs: number): Promise<ControlObservation> {
  const m = methodsFor(approvalId);
  const pendingAfterRuntime = await isPending(control, approvalId, timeoutMs);
  if (!pendingAfterRuntime) return { pendingAfterRuntime, strangerSees: null, settledWith: null, settleError: null };
  try {
    await control.request(m.resolve, { id: approvalId, decision: "deny" }, timeoutMs);
    return { pendingAfterRuntime, strangerSees: null, settledWith: "deny", settleError: null };
  } catch (err) {
    return { pendingAfterRuntime, strangerSees: null, settledWith: null, settleError: err instanceof Error ? err.message : String(err) };
  }
}

/** Whether the admin client still lists the approval as pending. */
async function isPending(control: GatewayConnection, approvalId: string, timeoutMs: number): Promise<boolean> {
  return (await listApprovals(control, timeoutMs, methodsFor(approvalId).list)).some((a) => a.id === approvalId);
}

/**
 * Does a stranger see the approval? A fresh device with operator.approvals and the shared token, but no admin scope and
 * no runtime token, lists pending approvals: a requester-bound approval is visible only to its requesting device.
 */
async function strangerSees(gateway: { url: string; token: string }, approvalId: string, timeoutMs: number): Promise<boolean> {
  const conn = await GatewayConnection.connect({
    url: gateway.url,
    clientId: "gateway-client",
    clientMode: "backend",
    scopes: ["operator.approvals"],
    token: gateway.token,
    device: createDeviceIdentity(),
    displayName: "approval-runtime-smoke stranger",
    timeoutMs,
  });
  try {
    return (await listApprovals(conn, timeoutMs)).some((a) => a.id === approvalId);
  } finally {
    conn.close();
  }
}

/**
 * The runtime process is the requester: wait until its approval is listed (found by the scenario's command) and the
 * runtime is waiting on it (`waiting()`, read from the tap), check that a stranger device does not see it (it is bound
 * to its requester), and decide it as the admin while the wait is open.
 */
export async function decideRuntimeRequest(
  control: GatewayConnection,
  gateway: { url: string; token: string },
  label: string,
  decision: string,
  timeoutMs: number,
  waiting: () => boolean,
  runtimeEnded: AbortSignal,
): Promise<ControlObservation> {
  const until = Date.now() + timeoutMs;
  const command = approvalCommand(label);
  while (Date.now() < until && !runtimeEnded.aborted) {
    const item = waiting() ? (await listApprovals(control, timeoutMs)).find((a) => listedCommand(a) === command) : undefined;
    if (item && typeof item.id === "string") {
      const seen = await strangerSees(gateway, item.id, timeoutMs).catch(() => null);
      // pendingAfterRuntime is read by the caller once the runtime has ended (see isPending), not assumed here.
      try {
        await control.request("exec.approval.resolve", { id: item.id, decision }, timeoutMs);
        return { pendingAfterRuntime: false, strangerSees: seen, settledWith: decision, settleError: null };
      } catch (err) {
        return { pendingAfterRuntime: false, strangerSees: seen, settledWith: null, settleError: err instanceof Error ? err.message : String(err) };
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // Never decided during a wait: settle whatever the runtime left pending, so the gateway can stop.
  const left = (await listApprovals(control, timeoutMs).catch(() => [])).find((a) => listedCommand(a) === command);
  const settled = left && typeof left.id === "string" ? await control.request("exec.approval.resolve", { id: left.id, decision: "deny" }, timeoutMs).then(() => true, () => false) : false;
  const why = runtimeEnded.aborted ? "the runtime process ended without an open wait on its approval" : `no approval with command '${command}' was listed while the runtime waited on it, within ${timeoutMs} ms`;
  return { pendingAfterRuntime: left !== undefined, strangerSees: null, settledWith: settled ? "deny" : null, settleError: why };
}
