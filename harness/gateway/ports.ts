import { readFile } from "node:fs/promises";
import getPort from "get-port";

/**
 * Gateway ports come from below the kernel's ephemeral range. A port picked now is bound by the gateway 10-30 s
 * later; in that window the harness's own taps and relays listen on port 0, and the OS hands those out from the
 * ephemeral range. A gateway port drawn from that same range could be given to a tap first (EADDRINUSE, seen on
 * 2026.7.35 in a full matrix). Drawing it from below the range makes that collision impossible.
 */
export interface PortRange {
  low: number;
  high: number;
}

/** Linux's default, used when /proc is not readable. */
export const DEFAULT_EPHEMERAL_RANGE: PortRange = { low: 32768, high: 60999 };
/** Lowest port drawn; below it live the well-known and registered services people run by hand. */
export const GATEWAY_PORT_FLOOR = 20000;
/** Room left under the ephemeral range for ports a gateway derives from its own (port + a few). */
export const DERIVED_PORT_MARGIN = 200;

/** Parse /proc/sys/net/ipv4/ip_local_port_range ("32768\t60999"); null when it is not two ordered ports. */
export function parseEphemeralRange(text: string): PortRange | null {
  const parts = text.trim().split(/\s+/).map(Number);
  const [low, high] = parts;
  if (parts.length !== 2 || low === undefined || high === undefined) return null;
  if (!Number.isInteger(low) || !Number.isInteger(high) || low < 1 || high > 65535 || low > high) return null;
  return { low, high };
}

/**
 * `count` distinct candidate ports outside the ephemeral range, in random order (two runs on one machine rarely
 * try the same port first). Prefers [FLOOR, low - MARGIN); falls back to the space above the range, then to
 * [1024, low) when the range leaves nothing else.
 */
export function gatewayPortCandidates(range: PortRange, count: number, random: () => number = Math.random): number[] {
  const spans: Array<[number, number]> = [
    [GATEWAY_PORT_FLOOR, range.low - DERIVED_PORT_MARGIN],
    [range.high + 1 + DERIVED_PORT_MARGIN, 65536 - DERIVED_PORT_MARGIN],
    [1024, range.low],
  ];
  const span = spans.find(([from, to]) => to - from >= count);
  if (!span) return [];
  const [from, to] = span;
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(from + Math.floor(random() * (to - from)));
  return [...chosen];
}

async function ephemeralRange(): Promise<PortRange> {
  const text = await readFile("/proc/sys/net/ipv4/ip_local_port_range", "utf8").catch(() => "");
  return parseEphemeralRange(text) ?? DEFAULT_EPHEMERAL_RANGE;
}

/** A free loopback port for a gateway, never a fixed one and never one the OS may hand to a port-0 listener. */
export async function pickGatewayPort(): Promise<number> {
  return (await pickStablePorts(1))[0] as number;
}

/**
 * `count` distinct free loopback ports from below the ephemeral range, for listeners that close and must come back on
 * the same port (a lifecycle scenario's tap doors, unbound while its gateway is stopped): no port-0 listener of this
 * or another run can be handed one of them in the meantime.
 */
export async function pickStablePorts(count: number): Promise<number[]> {
  const candidates = gatewayPortCandidates(await ephemeralRange(), 64 + count);
  const chosen: number[] = [];
  // get-port tries the candidates in order and falls back to an OS-assigned port only when none is free.
  for (let i = 0; i < count; i++) chosen.push(await getPort({ host: "127.0.0.1", port: candidates, exclude: chosen }));
  return chosen;
}
