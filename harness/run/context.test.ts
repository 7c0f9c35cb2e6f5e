import { describe, expect, it } from "vitest";
import { scenarioTarget, type TargetRuntime } from "./context.ts";

const target: TargetRuntime = { nodePath: "/node", openclawDir: "/head", legacyApprovals: { via: "gateway-start", evidence: "test" }, clientBuilds: { m1: "/builds/m1" } };

describe("scenarioTarget", () => {
  it("gives a scenario that names a client build that build, and keeps the rest of the target", () => {
    expect(scenarioTarget(target, { id: "a~m1", clientBuild: "m1" })).toEqual({ ...target, openclawDir: "/builds/m1" });
  });
  it("leaves a plain scenario on the target's own build", () => {
    expect(scenarioTarget(target, { id: "a" })).toBe(target);
  });
  it("refuses a build the run does not hold rather than run the unmutated one", () => {
    expect(() => scenarioTarget(target, { id: "a~m2", clientBuild: "m2" })).toThrow("scenario a~m2: no client build 'm2' in this run");
    const { clientBuilds: _none, ...without } = target;
    expect(() => scenarioTarget(without, { id: "b~m1", clientBuild: "m1" })).toThrow(/no client build 'm1'/);
  });
});
