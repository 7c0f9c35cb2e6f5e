import type { ControlObservation } from "../evidence/types.ts";
import { isRecord } from "../wire/frames.ts";
import type { GatewayConnection } from "../wire/client.ts";
import { approvalCommand } from "./requester.ts";

/** The admin-scoped control client: tells "refused" from "gone", reads requesters, and settles so the gateway can stop. */

async function listApprovals(control: GatewayConnection, timeoutMs: number): Promise<Record<string, unknown>[]> {
  const list = await control.request("exec.approval.list", {}, timeoutMs);
  const items: unknown[] = Array.isArray(list) ? list : isRecord(list) && Array.isArray(list.approvals) ? list.approvals : [];
  return items.filter(isRecord);
}

/** The requester device id an approval listing carries, or null. Pure. */
export function listedRequesterDevice(item: Record<string, unknown>): string | null {
  const req = isRecord(item.request) ? item.request : {};
  for (const v of [item.requesterDeviceId, req.requesterDeviceId, item.deviceId, req.deviceId]) if (typeof v === "string" && v !== "") return v;
  return null;
}

/** The command an approval listing carries, or null. Pure. */
function listedCommand(item: Record<string, unknown>): string | null {
  const req = isRecord(item.request) ? item.request : {};
  for (const v of [item.command, req.command]) if (typeof v === "string") return v;
  return null;
}

export async function checkAndSettle(control: GatewayConnection, approvalId: string, timeoutMs: number): Promise<ControlObservation> {
  const item = (await listApprovals(control, timeoutMs)).find((a) => a.id === approvalId);
  const pendingAfterRuntime = item !== undefined;
  const listedRequesterDeviceId = item ? listedRequesterDevice(item) : null;
  if (!pendingAfterRuntime) return { pendingAfterRuntime, listedRequesterDeviceId, settledWith: null, settleError: null };
  try {
    await control.request("exec.approval.resolve", { id: approvalId, decision: "deny" }, timeoutMs);
    return { pendingAfterRuntime, listedRequesterDeviceId, settledWith: "deny", settleError: null };
  } catch (err) {
    return { pendingAfterRuntime, listedRequesterDeviceId, settledWith: null, settleError: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The runtime process is the requester: wait until its approval is listed (found by the scenario's command), record
 * the requester device the gateway lists for it, and decide it as the admin.
 */
export async function decideRuntimeRequest(control: GatewayConnection, label: string, decision: string, timeoutMs: number): Promise<ControlObservation> {
  const until = Date.now() + timeoutMs;
  const command = approvalCommand(label);
  while (Date.now() < until) {
    const item = (await listApprovals(control, timeoutMs)).find((a) => listedCommand(a) === command);
    if (item && typeof item.id === "string") {
      const listedRequesterDeviceId = listedRequesterDevice(item);
      try {
        await control.request("exec.approval.resolve", { id: item.id, decision }, timeoutMs);
        return { pendingAfterRuntime: false, listedRequesterDeviceId, settledWith: decision, settleError: null };
      } catch (err) {
        return { pendingAfterRuntime: true, listedRequesterDeviceId, settledWith: null, settleError: err instanceof Error ? err.message : String(err) };
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pendingAfterRuntime: false, listedRequesterDeviceId: null, settledWith: null, settleError: `no approval with command '${command}' was listed within ${timeoutMs} ms` };
}
