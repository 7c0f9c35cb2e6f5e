import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../evidence/types.ts";
import { RECORDED } from "../evidence/record-fixture.ts";
import { gatewayStartsByReason, indivisibleUnits } from "./units.ts";

const proof = JSON.parse(readFileSync(join(RECORDED, "proof-strength.json"), "utf8")) as Report;

describe("a run's gateway starts and indivisible units (recorded proof --strength)", () => {
  it("counts each start by its reason: a group's, a lifecycle scenario's own, its restarts, the strength run's", () => {
    // What that run did (the proof --strength of bench, 2026-12-07): per build, one gateway for the shared profile and
    // one without a socket token; five lifecycle scenarios with one start each, two of which (stop-start restart,
    // long-lived runtime) start again; on the head (2026.9.6) start-order's gateway is stopped before its steps, so one
    // start before them imports the seeded exec-approvals.json. The strength run: two head gateways, two mutant ones.
    expect(gatewayStartsByReason(proof)).toEqual({ group: 4, lifecycle: 10, "lifecycle-restart": 4, "legacy-import": 1, strength: 4 });
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
