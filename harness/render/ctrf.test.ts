import { describe, it, expect } from "vitest";
import { validate, type CTRFReport } from "ctrf";
import { renderCtrf, type CtrfReport, type CtrfTest } from "./ctrf.ts";
import { SAMPLES } from "../evidence/sample-reports.ts";
import type { Report } from "../evidence/types.ts";

// The export is assignable to the reference implementation's own type.
const assignable = (r: CtrfReport): CTRFReport => r;

function withSkips(): Report {
  const r = SAMPLES["smoke-pass"]();
  const t = r.targets[0];
  if (!t || t.scenarios.length < 2) throw new Error("sample too small");
  t.scenarios[0] = { ...t.scenarios[0]!, status: "skipped", skipReason: "needs unshare", durationMs: null };
  t.scenarios[1] = { ...t.scenarios[1]!, status: "not-run", skipReason: "run aborted", durationMs: 12.7 };
  return r;
}

const scenarioTests = (c: CtrfReport): CtrfTest[] => c.results.tests.filter((t) => t.suite[0] !== "run" && t.suite[0] !== "strength");
const runTest = (c: CtrfReport, name: string): CtrfTest | undefined => c.results.tests.find((t) => t.name === `run/${name}`);

describe("renderCtrf", () => {
  for (const [name, build] of Object.entries(SAMPLES)) {
    it(`${name}: validates against the CTRF schema shipped by the ctrf package`, () => {
      const out = assignable(renderCtrf(build()));
      const v = validate(JSON.parse(JSON.stringify(out)));
      expect(v.errors).toEqual([]);
      expect(v.valid).toBe(true);
      expect(validate({ ...out, results: { ...out.results, summary: {} } }).valid).toBe(false);
    });
  }

  it("one test per scenario, named by scenario id for a single target", () => {
    const r = SAMPLES["smoke-pass"]();
    const c = renderCtrf(r);
    expect(c.reportFormat).toBe("CTRF");
    expect(c.results.tool.name).toBe(r.harness.name);
    expect(scenarioTests(c).map((t) => t.name)).toEqual(["local-token-handoff", "env-url-omission", "configured-remote-identity", "fallback-local"]);
    // 4 scenarios + 4 hygiene checks (the samples have no network check) + the verdict, all passed.
    expect(c.results.summary).toMatchObject({ tests: 9, passed: 9, failed: 0, skipped: 0, pending: 0, other: 0 });
    expect(c.results.summary.stop - c.results.summary.start).toBe(r.timings.totalMs);
    const first = c.results.tests[0]?.extra;
    if (first?.kind !== "scenario") throw new Error("the first test is not a scenario");
    expect(first.deciding).toBe(r.targets[0]?.scenarios[0]?.deciding);
    expect(first.expectations.map((e) => e.id)).toEqual(["url-source", "runtime-token", "device-identity", "resolve", "requester-decision"]);
    expect(first.target.version).toBe("2026.9.6");
  });

  it("role/scenario names for base and head, failures carry the deciding observation", () => {
    const c = renderCtrf(SAMPLES.proof());
    expect(c.results.tests.map((t) => t.name)).toContain("base/local-token-handoff");
    expect(c.results.tests.map((t) => t.name)).toContain("head/fallback-local");
    expect(scenarioTests(c).map((t) => t.status).filter((s) => s === "failed")).toHaveLength(4);
    // 8 scenarios (4 fail on the base, as declared) + 2 mutants (1 survived) + 4 hygiene + comparison + preflight + verdict.
    expect(c.results.summary).toMatchObject({ tests: 17, passed: 12, failed: 5 });
    expect(c.results.tests.filter((t) => t.suite[0] === "strength").map((t) => [t.name, t.status])).toEqual([["strength/token-never-sent", "passed"], ["strength/locality-ignored", "failed"]]);
    const failed = c.results.tests.find((t) => t.name === "base/local-token-handoff");
    expect(failed?.status).toBe("failed");
    expect(failed?.message).toContain("token ≠ derived");
  });

  it("maps skipped to skipped and not-run to other, with integer durations", () => {
    const c = renderCtrf(withSkips());
    expect(c.results.tests.slice(0, 2).map((t) => [t.status, t.rawStatus, t.duration, t.message])).toEqual([
      ["skipped", "skipped", 0, "needs unshare"],
      ["other", "not-run", 13, `run aborted; rerun: corepack pnpm smoke --openclaw 2026.9.6 --scenario ${c.results.tests[1]?.name}`],
    ]);
    expect(c.results.tests.slice(0, 2).map((t) => (t.extra.kind === "scenario" ? t.extra.rerun : "?"))).toEqual([null, `corepack pnpm smoke --openclaw 2026.9.6 --scenario ${c.results.tests[1]?.name}`]);
    expect(c.results.summary).toMatchObject({ skipped: 1, other: 1, passed: 7 });
    expect(validate(JSON.parse(JSON.stringify(c))).valid).toBe(true);
  });

  it("a smoke whose scenarios pass but whose secret scan found a leak fails in the summary (run/hygiene/secrets, run/verdict)", () => {
    const r = SAMPLES["smoke-pass"]();
    const secrets = r.hygiene.find((h) => h.id === "secrets");
    if (!secrets) throw new Error("sample has no secrets check");
    Object.assign(secrets, { pass: false, detail: "secret values found in 1 file(s)", offenders: ["gateway-single.log: gateway-token"] });
    r.status = "failed";
    const c = renderCtrf(r);
    expect(c.results.summary.failed).toBe(2);
    expect(runTest(c, "hygiene/secrets")).toMatchObject({ status: "failed", suite: ["run"], message: "secret values found in 1 file(s): gateway-single.log: gateway-token" });
    expect(runTest(c, "verdict")?.status).toBe("failed");
    expect(validate(JSON.parse(JSON.stringify(c))).valid).toBe(true);
  });

  it("a proof whose comparison rows broke has a different summary from a passing one (run/comparison)", () => {
    const good = renderCtrf(SAMPLES.proof());
    const r = SAMPLES.proof();
    const row = r.comparison?.[0];
    if (!row) throw new Error("sample has no comparison");
    Object.assign(row, { holds: false, class: "PASS_TO_PASS" });
    r.status = "failed";
    const c = renderCtrf(r);
    expect(c.results.summary.failed).toBeGreaterThan(good.results.summary.failed);
    expect(runTest(c, "comparison")?.status).toBe("failed");
    expect(runTest(c, "comparison")?.message).toContain(`${row.scenario}/${row.expectation}: PASS_TO_PASS`);
    expect(runTest(good, "comparison")?.status).toBe("passed");
  });

  it("a proof with an empty or failed preflight fails run/preflight; a smoke has neither comparison nor preflight test", () => {
    const r = SAMPLES.proof();
    r.preflight = [];
    expect(runTest(renderCtrf(r), "preflight")).toMatchObject({ status: "failed", message: "no preflight" });
    const p = SAMPLES.proof();
    const first = p.preflight?.[0];
    if (!first) throw new Error("sample has no preflight");
    first.ok = false;
    expect(runTest(renderCtrf(p), "preflight")?.status).toBe("failed");
    const smoke = renderCtrf(SAMPLES["smoke-pass"]());
    expect(runTest(smoke, "comparison")).toBeUndefined();
    expect(runTest(smoke, "preflight")).toBeUndefined();
  });

  it("an aborted run never looks passed, nor failed: run/verdict is 'other' with what cut it short (issue 14 §4)", () => {
    const r = withSkips();
    r.abortReason = "harness received SIGINT";
    r.status = "aborted";
    const c = renderCtrf(r);
    expect(c.results.summary.passed).toBeLessThan(c.results.summary.tests);
    expect(c.results.summary.other).toBeGreaterThan(0);
    expect(runTest(c, "verdict")).toMatchObject({ status: "other", message: "not judged: the run was cut short (harness received SIGINT)" });
    // A cancelled proof's comparison and preflight are not judged either.
    const proof = { ...SAMPLES.proof(), status: "aborted" as const, abortReason: "harness received SIGTERM", comparison: [] };
    const pc = renderCtrf(proof);
    expect(runTest(pc, "comparison")?.status).toBe("other");
    expect(runTest(pc, "preflight")?.status).toBe("other");
    expect(pc.results.tests.filter((t) => t.suite.includes("run") && t.status === "failed")).toEqual([]);
  });

  it("one run test per hygiene check, whatever its id", () => {
    const c = renderCtrf(SAMPLES["smoke-pass"]());
    expect(c.results.tests.filter((t) => t.name.startsWith("run/hygiene/")).map((t) => t.name)).toEqual(SAMPLES["smoke-pass"]().hygiene.map((h) => `run/hygiene/${h.id}`));
  });
});
