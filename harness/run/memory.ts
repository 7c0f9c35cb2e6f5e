import { readFile } from "node:fs/promises";
import { freemem } from "node:os";

/** What one gateway tree takes at its peak (2026.9.6 measured 1.5 to 1.6 GB here), with some headroom. */
const GATEWAY_BUDGET_BYTES = 1.8 * 1024 ** 3;

/**
 * Pure: how many gateways may run at once with `availableBytes` and `cores`, at least one, at most `wanted`. A gateway
 * start keeps a core busy for seconds, so more gateways than cores only make each start slower (four at once on two
 * cores took 80-100 s each, past the ready timeout, where two at once take 10-15 s).
 */
export function gatewaySlots(availableBytes: number, wanted: number, cores = Number.POSITIVE_INFINITY, perGateway = GATEWAY_BUDGET_BYTES): number {
  return Math.max(1, Math.min(wanted, Math.floor(availableBytes / perGateway), Math.max(1, cores)));
}

/** MemAvailable from /proc/meminfo (what Linux can hand out without swapping), else os.freemem(). */
export async function availableMemoryBytes(): Promise<number> {
  try {
    const m = /^MemAvailable:\s+(\d+) kB$/m.exec(await readFile("/proc/meminfo", "utf8"));
    if (m?.[1]) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return freemem();
}
