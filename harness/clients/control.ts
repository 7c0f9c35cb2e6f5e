import type { ControlObservation } from "../evidence/types.ts";
import { isRecord } from "../wire/frames.ts";
import type { GatewayConnection } from "../wire/client.ts";

/** The admin-scoped control client: tells "refused" from "gone", then settles so the gateway can stop. */
async function isPending(control: GatewayConnection, approvalId: string, timeoutMs: number): Promise<boolean> {
  const list = await control.request("exec.approval.list", {}, timeoutMs);
  const items = Array.isArray(list) ? list : isRecord(list) && Array.isArray(list.approvals) ? list.approvals : [];
  return items.some((a: unknown) => isRecord(a) && a.id === approvalId);
}

export async function checkAndSettle(control: GatewayConnection, approvalId: string, timeoutMs: number): Promise<ControlObservation> {
  const pendingAfterRuntime = await isPending(control, approvalId, timeoutMs);
  if (!pendingAfterRuntime) return { pendingAfterRuntime, settledWith: null, settleError: null };
  try {
    await control.request("exec.approval.resolve", { id: approvalId, decision: "deny" }, timeoutMs);
    return { pendingAfterRuntime, settledWith: "deny", settleError: null };
  } catch (err) {
    return { pendingAfterRuntime, settledWith: null, settleError: err instanceof Error ? err.message : String(err) };
  }
}
