import { describe, expect, it } from "vitest";
import type { MutantDefinition } from "../plan/mutant-types.ts";
import type { ScenarioDefinition } from "../plan/scenario-types.ts";
import { instanceId, planStrength } from "./plan.ts";

const scenario = (id: string, sandbox: ScenarioDefinition["sandbox"], control?: string): ScenarioDefinition => ({
  id,
  claim: id,
  group: "probe",
  sandbox,
  client: { kind: "openclaw-runtime", route: "local-config" },
  decision: "allow-once",
  expectations: [{ id: "resolve", expect: "succeeded" }],
  ...(control ? { control } : {}),
});
const mutant = (id: string, loadedBy: MutantDefinition["loadedBy"], catchers: string[]): MutantDefinition => ({
  id,
  reverts: id,
  loadedBy,
  locators: [{ find: "a", replace: "b" }],
  catchers: Object.fromEntries(catchers.map((c) => [c, ["resolve"]])),
});
const catalog = [scenario("handoff", "shared-socket-token"), scenario("remote", "lan-bind", "remote-control"), scenario("remote-control", "lan-bind"), scenario("other", "no-socket-token")];

describe("planStrength", () => {
  it("puts runtime mutants on one head gateway per sandbox profile and gives a gateway mutant its own", () => {
    const mutants = [mutant("r1", "runtime", ["handoff"]), mutant("r2", "runtime", ["handoff", "other"]), mutant("g1", "gateway", ["remote"])];
    const plan = planStrength(mutants, new Set(["r1", "r2", "g1"]), new Set(["handoff", "other", "remote"]), catalog);
    expect(plan.runs.map((r) => [r.label, r.gateway])).toEqual([["strength", { kind: "head" }], ["mutant-g1", { kind: "mutant", mutant: "g1" }]]);
    const head = plan.runs[0];
    expect(head?.groups.map((g) => [g.profile, g.scenarios.map((s) => s.id)])).toEqual([
      ["shared-socket-token", ["handoff~r1", "handoff~r2"]],
      ["no-socket-token", ["other~r2"]],
    ]);
    expect(head?.groups[0]?.scenarios[0]?.clientBuild).toBe("r1");
    // The gateway mutant's catcher brings its positive control, under the same mutant, on the same gateway.
    const own = plan.runs[1]?.groups[0]?.scenarios;
    expect(own?.map((s) => [s.id, s.control ?? null, s.clientBuild])).toEqual([["remote~g1", "remote-control~g1", "g1"], ["remote-control~g1", null, "g1"]]);
    expect(plan.built).toEqual(["r1", "r2", "g1"]);
  });

  it("builds nothing for a mutant that does not apply or whose catchers are all left out, and says which are", () => {
    const plan = planStrength([mutant("na", "runtime", ["handoff"]), mutant("left", "runtime", ["other"])], new Set(["left"]), new Set(["handoff"]), catalog);
    expect(plan.runs).toEqual([]);
    expect(plan.built).toEqual([]);
  });

  it("runs a catcher the run itself left out once on the unmutated head, as its baseline", () => {
    const plan = planStrength([mutant("g1", "gateway", ["remote"])], new Set(["g1"]), new Set(["remote"]), catalog, new Set(["remote"]));
    expect(plan.runs.map((r) => r.label)).toEqual(["strength", "mutant-g1"]);
    const baseline = plan.runs[0]?.groups[0]?.scenarios;
    expect(baseline?.map((s) => [s.id, s.control ?? null, s.clientBuild ?? null])).toEqual([["remote~unmutated", "remote-control~unmutated", null], ["remote-control~unmutated", null, null]]);
  });

  it("instance ids carry the mutant", () => {
    expect(instanceId("local-token-handoff", "token-never-sent")).toBe("local-token-handoff~token-never-sent");
  });
});
