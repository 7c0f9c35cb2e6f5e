import { describe, expect, it } from "vitest";
import type { ScenarioResult, TargetRun } from "../evidence/types.ts";
import { changes } from "../../scenarios/changes.ts";
import { classify, compareRuns, preflight } from "./compare.ts";

function scenario(id: string, results: Record<string, boolean>): ScenarioResult {
  const expectations = Object.entries(results).map(([eid, pass]) => ({ id: eid, description: "", expected: "", observed: "", pass }));
  return { id, claim: "", status: expectations.every((e) => e.pass) ? "passed" : "failed", skipReason: null, setup: { client: "", description: "", config: null, env: {}, gatewayUrlArg: null, sandboxProfile: "shared-socket-token", doors: [] }, observations: { wire: [], runtime: null, control: null, requester: null, stateIdentity: null, isolation: null, socketTokenStore: null, compose: null }, expectations, refusals: [], deciding: "", durationMs: 1, findings: [] };
}
function run(role: "base" | "head", version: string, scenarios: ScenarioResult[]): TargetRun {
  return { role, target: { spec: version, kind: "registry", version, path: "", integrity: null, tarballSha256: null, gitCommit: null, gitDirty: null, nodeVersion: "24" }, gateways: [], timings: { provisionMs: 0, gatewayReadyMs: 0, totalMs: 0 }, scenarios };
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

const CORE_CHANGES = { ...changes, expectations: Object.fromEntries(Object.entries(changes.expectations).filter(([id]) => ["local-token-handoff", "fallback-local", "env-url-omission", "configured-remote-identity"].includes(id))) };
const BUGGY = { "runtime-token": false, "device-identity": true, resolve: false, "requester-decision": false };
const HANDOFF = { "runtime-token": true, "device-identity": true, resolve: true, "requester-decision": true };
const OMISSION_OLD = { "runtime-token": true, "device-identity": false, resolve: true, "still-pending": true, "requester-decision": true };
const OMISSION = { "runtime-token": true, "device-identity": true, resolve: true, "still-pending": true, "requester-decision": true };

describe("compareRuns against the declared changes (hand-made fake results)", () => {
  const base = run("base", "2026.6.5", [
    scenario("local-token-handoff", BUGGY),
    scenario("env-url-omission", OMISSION_OLD),
    scenario("configured-remote-identity", OMISSION_OLD),
    scenario("fallback-local", BUGGY),
  ]);
  const head = run("head", "2026.9.6", [
    scenario("local-token-handoff", HANDOFF),
    scenario("env-url-omission", OMISSION),
    scenario("configured-remote-identity", OMISSION),
    scenario("fallback-local", HANDOFF),
  ]);

  it("the declared effect holds row by row", () => {
    const rows = compareRuns(base, head, CORE_CHANGES);
    expect(rows.find((r) => r.scenario === "local-token-handoff" && r.expectation === "resolve")).toMatchObject({ class: "FAIL_TO_PASS", declared: "FAIL_TO_PASS", holds: true });
    expect(rows.find((r) => r.scenario === "env-url-omission" && r.expectation === "device-identity")).toMatchObject({ class: "FAIL_TO_PASS", holds: true });
    expect(rows.every((r) => r.holds)).toBe(true);
  });

  it("a regression in the head breaks the proof", () => {
    const bad = structuredClone(head);
    bad.scenarios[1]!.expectations.find((e) => e.id === "resolve")!.pass = false;
    bad.scenarios[1]!.status = "failed";
    const row = compareRuns(base, bad, CORE_CHANGES).find((r) => r.scenario === "env-url-omission" && r.expectation === "resolve");
    expect(row).toMatchObject({ class: "PASS_TO_FAIL", holds: false });
  });

  it("a proof of a subset cannot pass: every declared FAIL_TO_PASS scenario that did not run gets a row that does not hold (issue 15 §1)", () => {
    const onlyEnv = (t: typeof base) => ({ ...t, scenarios: t.scenarios.filter((x) => x.id === "env-url-omission") });
    const rows = compareRuns(onlyEnv(base), onlyEnv(head), CORE_CHANGES);
    const failing = rows.filter((r) => !r.holds);
    expect(new Set(failing.map((r) => r.scenario))).toEqual(new Set(["local-token-handoff", "fallback-local", "configured-remote-identity"]));
    expect(failing.every((r) => r.class === "INCOMPLETE" && r.base === "n/a" && r.head === "n/a")).toBe(true);
    // A scenario not named expectation by expectation still gets its row.
    const bare = { ...CORE_CHANGES, expectations: { ...CORE_CHANGES.expectations, "fallback-local": { "*": "FAIL_TO_PASS" as const } } };
    expect(compareRuns(onlyEnv(base), onlyEnv(head), bare).filter((r) => r.scenario === "fallback-local").map((r) => r.expectation)).toEqual(["*"]);
  });

  it("a scenario the base build cannot run (not applicable) is no regression, unless the fix depends on it", () => {
    const na = (id: string) => ({ ...scenario(id, {}), status: "not-applicable" as const, expectations: [] });
    const withExtra = (t: typeof base, s: ScenarioResult) => ({ ...t, scenarios: [...t.scenarios, s] });
    const extra = { ...CORE_CHANGES, expectations: { ...CORE_CHANGES.expectations, "canonical-exec-handoff": { "*": "PASS_TO_PASS" as const } } };
    const rows = compareRuns(withExtra(base, na("canonical-exec-handoff")), withExtra(head, scenario("canonical-exec-handoff", { resolve: true })), extra);
    expect(rows.find((r) => r.scenario === "canonical-exec-handoff")).toMatchObject({ base: "not-applicable", head: "pass", class: "INCOMPLETE", holds: true });
    const fix = { ...CORE_CHANGES, expectations: { ...CORE_CHANGES.expectations, "canonical-exec-handoff": { "*": "FAIL_TO_PASS" as const } } };
    expect(compareRuns(withExtra(base, na("canonical-exec-handoff")), withExtra(head, scenario("canonical-exec-handoff", { resolve: true })), fix).find((r) => r.scenario === "canonical-exec-handoff")?.holds).toBe(false);
  });

  it("preflight names the end that did not behave", () => {
    expect(preflight(base, head, CORE_CHANGES).every((p) => p.ok)).toBe(true);
    const fixedBase = structuredClone(head);
    fixedBase.role = "base";
    const pre = preflight(fixedBase, head, CORE_CHANGES);
    expect(pre.find((p) => !p.ok)).toMatchObject({ end: "base" });
  });

  it("preflight fails, naming it, when a scenario declared to show the bug did not run (issue 15 §1)", () => {
    const without = (t: typeof base) => ({ ...t, scenarios: t.scenarios.filter((x) => x.id !== "fallback-local") });
    const pre = preflight(without(base), without(head), CORE_CHANGES);
    expect(pre.filter((p) => !p.ok).map((p) => `${p.end}: ${p.detail}`)).toEqual(["base: fallback-local did not run on 2026.6.5", "head: fallback-local did not run on 2026.9.6"]);
  });
});
