import { isRecord } from "../wire/frames.ts";
import { GatewayConnection, GatewayRequestError, type ConnectOptions } from "../wire/client.ts";

/**
 * Pair a device through the gateway's own pairing methods: the device connects (and is refused, or is held pending),
 * its request appears in device.pair.list on the admin control connection, and the admin approves it with
 * device.pair.approve. Returns what happened, line by line, for the probe's log.
 */
export async function pairDevice(opts: ConnectOptions & { device: NonNullable<ConnectOptions["device"]> }, control: GatewayConnection, timeoutMs: number): Promise<string[]> {
  const log: string[] = [];
  try {
    const first = await GatewayConnection.connect(opts);
    first.close();
    const listed = pairedDevices(await control.request("device.pair.list", {}, timeoutMs)).includes(opts.device.deviceId);
    log.push(`first connect: hello-ok without a pairing request (device ${listed ? "listed as paired: the gateway paired it silently" : "not listed as paired"})`);
    return log;
  } catch (err) {
    log.push(`first connect refused: ${err instanceof GatewayRequestError ? `${err.code ?? "?"}/${err.reason ?? "-"}` : err instanceof Error ? err.message : String(err)}`);
  }
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const pending = pendingRequests(await control.request("device.pair.list", {}, timeoutMs)).find((r) => r.deviceId === opts.device.deviceId);
    if (pending) {
      await control.request("device.pair.approve", { requestId: pending.requestId }, timeoutMs);
      const listed = pairedDevices(await control.request("device.pair.list", {}, timeoutMs)).includes(opts.device.deviceId);
      log.push(`pairing request ${pending.requestId} listed by device.pair.list, approved with device.pair.approve; device ${listed ? "now listed as paired" : "NOT listed as paired afterwards"}`);
      return log;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no pairing request for device ${opts.device.deviceId.slice(0, 12)}… appeared in device.pair.list within ${timeoutMs} ms`);
}

/** Pending pairing requests in a device.pair.list answer. Pure. */
export function pendingRequests(list: unknown): Array<{ requestId: string; deviceId: string }> {
  const items = isRecord(list) && Array.isArray(list.pending) ? list.pending : [];
  return items.filter(isRecord).flatMap((r) => (typeof r.requestId === "string" && typeof r.deviceId === "string" ? [{ requestId: r.requestId, deviceId: r.deviceId }] : []));
}

/** Paired device ids in a device.pair.list answer. Pure. */
export function pairedDevices(list: unknown): string[] {
  const items = isRecord(list) && Array.isArray(list.paired) ? list.paired : [];
  return items.filter(isRecord).flatMap((r) => (typeof r.deviceId === "string" ? [r.deviceId] : []));
}
