import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import {
  DEFAULT_EPHEMERAL_RANGE,
  DERIVED_PORT_MARGIN,
  GATEWAY_PORT_FLOOR,
  gatewayPortCandidates,
  parseEphemeralRange,
  pickGatewayPort,
} from "./ports.ts";

/** A seeded generator so the candidate tests are deterministic. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe("parseEphemeralRange", () => {
  it("reads the kernel's two numbers", () => {
    expect(parseEphemeralRange("32768\t60999\n")).toEqual({ low: 32768, high: 60999 });
  });
  it("refuses text that is not two ordered ports", () => {
    expect(parseEphemeralRange("")).toBeNull();
    expect(parseEphemeralRange("60999 32768")).toBeNull();
    expect(parseEphemeralRange("1 2 3")).toBeNull();
    expect(parseEphemeralRange("a b")).toBeNull();
  });
});

describe("gatewayPortCandidates", () => {
  it("draws distinct ports between the floor and the ephemeral range, less the derived-port margin", () => {
    const ports = gatewayPortCandidates(DEFAULT_EPHEMERAL_RANGE, 64, seeded(7));
    expect(new Set(ports).size).toBe(64);
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(GATEWAY_PORT_FLOOR);
      expect(p).toBeLessThan(DEFAULT_EPHEMERAL_RANGE.low - DERIVED_PORT_MARGIN);
    }
  });
  it("goes above the range when the range starts low", () => {
    const ports = gatewayPortCandidates({ low: 15000, high: 40000 }, 16, seeded(3));
    for (const p of ports) {
      expect(p).toBeGreaterThan(40000 + DERIVED_PORT_MARGIN);
      expect(p).toBeLessThan(65536);
    }
  });
  it("never returns a port inside the ephemeral range, whatever the range", () => {
    const range = { low: 2000, high: 65000 };
    const ports = gatewayPortCandidates(range, 8, seeded(11));
    expect(ports).toHaveLength(8);
    for (const p of ports) expect(p < range.low || p > range.high).toBe(true);
    // A range that leaves no room outside it gives no candidate: get-port then falls back to an OS-assigned port.
    expect(gatewayPortCandidates({ low: 1024, high: 65535 }, 8, seeded(11))).toEqual([]);
  });
});

describe("pickGatewayPort", () => {
  it("gives a port that is free now and below this machine's ephemeral range", async () => {
    const port = await pickGatewayPort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const range =
      parseEphemeralRange(await readFile("/proc/sys/net/ipv4/ip_local_port_range", "utf8").catch(() => "")) ??
      DEFAULT_EPHEMERAL_RANGE;
    expect(port < range.low || port > range.high).toBe(true);
  });
});
