import { describe, expect, it } from "vitest";
import type { ScenarioResult, TargetRun } from "../evidence/types.ts";
import { changes } from "../../scenarios/changes.ts";
import { classify, compareRuns, preflight } from "./compare.ts";

function scenario(id: string, results: Record<string, boolean>): ScenarioResult {
  const expectations = Object.entries(results).map(([eid, pass]) => ({ id: eid, description: "", expected: "", observed: "", pass }));
  return { id, claim: "", status: expectations.every((e) => e.pass) ? "passed" : "failed", skipReason: null, setup: { client: "", description: "", config: null, env: {}, gatewayUrlArg: null, sandboxProfile: "shared-socket-token", doors: [] }, observations: { wire: [], runtime: null, control: null, requester: null, stateIdentity: null, isolation: null, socketTokenStore: null }, expectations, refusals: [], deciding: "", durationMs: 1, findings: [] };
}
function run(role: "base" | "head", version: string, scenarios: ScenarioResult[]): TargetRun {
  return { role, target: { spec: version, kind: "registry", version, path: "", integrity: null, tarballSha256: null, gitCommit: null, nodeVersion: "24" }, gateways: [], timings: { provisionMs: 0, gatewayReadyMs: 0, totalMs: 0 }, scenarios };
}

describe("classify", () => {
  it("maps the four pairs and an incomplete one", () => {
    expect(classify("fail", "pass")).toBe("FAIL_TO_PASS");
    expect(classify("pass", "pass")).toBe("PASS_TO_PASS");
    expect(classify("pass", "fail")).toBe("PASS_TO_FAIL");
    expect(classify("fail", "fail")).toBe("FAIL_TO_FAIL");
    expect(classify("n/a", "pass")).toBe("INCOMPLETE");
  });
});

describe("compareRuns against the declared changes (hand-made fake results)", () => {
  const base = run("base", "2026.6.5", [
    scenario("local-token-handoff", { "runtime-token": false, "device-identity": true, resolve: false, "requester-decision": false }),
    scenario("env-url-omission", { "runtime-token": true, "device-identity": false, resolve: true, "still-pending": true, "requester-decision": true }),
  ]);
  const head = run("head", "2026.9.6", [
    scenario("local-token-handoff", { "runtime-token": true, "device-identity": true, resolve: true, "requester-decision": true }),
    scenario("env-url-omission", { "runtime-token": true, "device-identity": true, resolve: true, "still-pending": true, "requester-decision": true }),
  ]);

  it("the declared effect holds row by row", () => {
    const rows = compareRuns(base, head, changes);
    expect(rows.find((r) => r.scenario === "local-token-handoff" && r.expectation === "resolve")).toMatchObject({ class: "FAIL_TO_PASS", declared: "FAIL_TO_PASS", holds: true });
    expect(rows.find((r) => r.scenario === "env-url-omission" && r.expectation === "device-identity")).toMatchObject({ class: "FAIL_TO_PASS", holds: true });
    expect(rows.every((r) => r.holds)).toBe(true);
  });

  it("a regression in the head breaks the proof", () => {
    const bad = structuredClone(head);
    bad.scenarios[1]!.expectations.find((e) => e.id === "resolve")!.pass = false;
    bad.scenarios[1]!.status = "failed";
    const row = compareRuns(base, bad, changes).find((r) => r.scenario === "env-url-omission" && r.expectation === "resolve");
    expect(row).toMatchObject({ class: "PASS_TO_FAIL", holds: false });
  });

  it("preflight names the end that did not behave", () => {
    expect(preflight(base, head, changes).every((p) => p.ok)).toBe(true);
    const fixedBase = structuredClone(head);
    fixedBase.role = "base";
    const pre = preflight(fixedBase, head, changes);
    expect(pre.find((p) => !p.ok)).toMatchObject({ end: "base" });
  });
});
