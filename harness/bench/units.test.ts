import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../evidence/types.ts";
import { RECORDED } from "../evidence/record-fixture.ts";
import { gatewayStartsByReason, indivisibleUnits } from "./units.ts";

const proof = JSON.parse(readFileSync(join(RECORDED, "proof-strength.json"), "utf8")) as Report;

describe("a run's gateway starts and indivisible units (recorded proof --strength)", () => {
  it("counts each start by its reason: a group's, a lifecycle scenario's own, its restarts, the strength run's", () => {
    // What that run did: per build, one gateway for the shared profile and one without a socket token; five lifecycle
    // scenarios with one start each, three of which (stop-start restart, long-lived runtime, start order) start again.
    expect(gatewayStartsByReason(proof)).toEqual({ group: 4, lifecycle: 10, "lifecycle-restart": 6, "legacy-import": 0, strength: 4 });
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
