import { describe, expect, it } from "vitest";
import { loadCatalog } from "./catalog.ts";
import { stepProblems } from "./lifecycle-types.ts";
import type { LifecycleStep } from "./scenario-types.ts";
import { expectationIds } from "./validate-catalog.ts";

const resolve: LifecycleStep = { do: "resolve", by: "runtime", expectations: [{ id: "resolve", expect: "succeeded" }] };

describe("the lifecycle step vocabulary", () => {
  it("accepts lists that keep a gateway running where a step needs one, and ends with it running", () => {
    expect(stepProblems([resolve, { do: "restart-gateway", facts: [] }, resolve])).toEqual([]);
    expect(stepProblems([{ do: "stop-gateway" }, { ...resolve, expectations: [{ id: "connections", expect: "none" }] }, { do: "start-gateway", facts: [] }, resolve])).toEqual([]);
  });

  it("refuses the lists that cannot run or judge nothing", () => {
    expect(stepProblems([])).toEqual(["a lifecycle scenario needs at least one step"]);
    expect(stepProblems([{ do: "stop-gateway" }])).toContain("the last step leaves the gateway stopped: start it again, so its approvals can be settled");
    expect(stepProblems([{ do: "start-gateway", facts: [] }])).toContain("step 1 (start-gateway): the gateway is already running");
    expect(stepProblems([{ do: "stop-gateway" }, { do: "rotate-socket-token", facts: [] }, { do: "start-gateway", facts: [] }])).toContain("step 2 (rotate-socket-token): needs a running gateway");
    expect(stepProblems([{ do: "resolve", by: "held-token", expectations: [{ id: "resolve", expect: "refused", by: "no-runtime-authority" }] }])).toContain("step 1 (resolve): a held token is the one derived before a rotation; rotate first");
    expect(stepProblems([{ do: "resolve", by: "runtime", expectations: [] }])).toContain("step 1 (resolve): a resolve step states what must be observed");
    expect(stepProblems([{ do: "stop-gateway" }, resolve, { do: "start-gateway", facts: [] }])).toContain("step 2 (resolve): cannot succeed with the gateway stopped");
  });

  it("a gateway stopped before the steps: the first start is a step, and nothing before it may need a gateway", () => {
    const early = { ...resolve, expectations: [{ id: "connections" as const, expect: "none" as const }] };
    expect(stepProblems([early, { do: "start-gateway", facts: [] }, resolve], "stopped")).toEqual([]);
    expect(stepProblems([early, { do: "start-gateway", facts: [] }, resolve])).toContain("step 2 (start-gateway): the gateway is already running");
    expect(stepProblems([resolve, { do: "start-gateway", facts: [] }], "stopped")).toContain("step 1 (resolve): cannot succeed with the gateway stopped");
    expect(stepProblems([{ do: "stop-gateway" }, { do: "start-gateway", facts: [] }], "stopped")).toContain("step 1 (stop-gateway): the gateway is already stopped");
    expect(stepProblems([{ do: "rotate-socket-token", facts: [] }], "stopped")).toContain("step 1 (rotate-socket-token): needs a running gateway");
  });

  it("an upgrade names the build that does not run yet, and one long-lived runtime keeps its build", () => {
    const upgrade: LifecycleStep = { do: "upgrade-gateway", to: "head", facts: [] };
    expect(stepProblems([resolve, upgrade, resolve], "running", "base")).toEqual([]);
    expect(stepProblems([upgrade, resolve])).toContain("step 1 (upgrade-gateway): the gateway already runs the head build");
    expect(stepProblems([upgrade, upgrade, resolve], "running", "base")).toContain("step 2 (upgrade-gateway): the gateway already runs the head build");
    expect(stepProblems([{ do: "stop-gateway" }, upgrade], "running", "base")).toContain("step 2 (upgrade-gateway): needs a running gateway");
    const held = (build: "base" | "head"): LifecycleStep => ({ do: "resolve", by: "held-runtime", build, expectations: [{ id: "handoff", expect: "as-the-builds-derive" }] });
    expect(stepProblems([held("head"), upgrade, held("head")], "running", "base")).toEqual([]);
    expect(stepProblems([held("base"), upgrade, held("head")], "running", "base")).toContain("step 3 (resolve): the long-lived runtime loaded the base build; one process cannot change its build");
  });

  it("every lifecycle scenario in the catalog names its expectations per step", async () => {
    const lifecycle = (await loadCatalog()).filter((s) => s.sandbox === "lifecycle");
    expect(lifecycle.length).toBeGreaterThanOrEqual(3);
    for (const s of lifecycle) {
      expect(stepProblems(s.steps ?? [], s.gatewayBeforeSteps, s.firstGateway), s.id).toEqual([]);
      expect(expectationIds(s).every((id) => /^step\d+:/.test(id)), s.id).toBe(true);
    }
  });
});
