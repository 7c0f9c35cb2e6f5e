import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../evidence/types.ts";
import { RECORDED } from "../evidence/record-fixture.ts";
import { gatewayStartsByReason, indivisibleUnits } from "./units.ts";

const proof = JSON.parse(readFileSync(join(RECORDED, "proof-strength.json"), "utf8")) as Report;

describe("a run's gateway starts and indivisible units (recorded proof --strength)", () => {
  it("counts each start by its reason: a group's, a lifecycle scenario's own, its restarts, the strength run's", () => {
    const starts = gatewayStartsByReason(proof);
    const lifecycle = proof.targets.flatMap((t) => t.scenarios.filter((s) => s.steps?.length));
    expect(starts.lifecycle).toBe(lifecycle.length);
    expect(starts.group).toBe(proof.targets.reduce((n, t) => n + t.gateways.filter((g) => !g.sandboxProfile.startsWith("lifecycle")).length, 0));
    expect(starts["lifecycle-restart"]).toBeGreaterThan(0);
    expect(starts.strength).toBe(proof.strength?.gateways.length);
  });

  it("a shared gateway's unit is its start plus its longest scenario; a lifecycle scenario is a unit whole", () => {
    const units = indivisibleUnits(proof);
    expect(units.map((u) => u.ms)).toEqual([...units.map((u) => u.ms)].sort((a, b) => b - a));
    const head = proof.targets.find((t) => t.role === "head")!;
    const shared = head.gateways.find((g) => g.sandboxProfile === "shared-socket-token")!;
    const longest = Math.max(...head.scenarios.filter((s) => s.setup.sandboxProfile === "shared-socket-token").map((s) => s.durationMs ?? 0));
    expect(units.find((u) => u.name === "head shared-socket-token: gateway start + longest scenario")?.ms).toBe((shared.readyMs ?? 0) + longest);
    const restart = head.scenarios.find((s) => s.id === "lifecycle-gateway-restart")!;
    expect(units.find((u) => u.name === "head lifecycle-gateway-restart")?.ms).toBe(restart.durationMs);
  });
});
