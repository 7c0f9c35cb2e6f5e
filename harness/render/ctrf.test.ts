import { describe, it, expect } from "vitest";
import { validate, type CTRFReport } from "ctrf";
import { renderCtrf, type CtrfReport } from "./ctrf.ts";
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
    expect(c.results.tests.map((t) => t.name)).toEqual(["local-token-handoff", "env-url-omission", "configured-remote-identity", "fallback-local"]);
    expect(c.results.summary).toMatchObject({ tests: 4, passed: 4, failed: 0, skipped: 0, pending: 0, other: 0 });
    expect(c.results.summary.stop - c.results.summary.start).toBe(r.timings.totalMs);
    const first = c.results.tests[0];
    expect(first?.extra.deciding).toBe(r.targets[0]?.scenarios[0]?.deciding);
    expect(first?.extra.expectations.map((e) => e.id)).toEqual(["url-source", "runtime-token", "device-identity", "resolve", "requester-decision"]);
    expect(first?.extra.target.version).toBe("2026.9.6");
  });

  it("role/scenario names for base and head, failures carry the deciding observation", () => {
    const c = renderCtrf(SAMPLES.proof());
    expect(c.results.tests.map((t) => t.name)).toContain("base/local-token-handoff");
    expect(c.results.tests.map((t) => t.name)).toContain("head/fallback-local");
    expect(c.results.summary).toMatchObject({ tests: 8, passed: 4, failed: 4 });
    const failed = c.results.tests.find((t) => t.name === "base/local-token-handoff");
    expect(failed?.status).toBe("failed");
    expect(failed?.message).toContain("token ≠ derived");
  });

  it("maps skipped to skipped and not-run to other, with integer durations", () => {
    const c = renderCtrf(withSkips());
    expect(c.results.tests.slice(0, 2).map((t) => [t.status, t.rawStatus, t.duration, t.message])).toEqual([
      ["skipped", "skipped", 0, "needs unshare"],
      ["other", "not-run", 13, "run aborted"],
    ]);
    expect(c.results.summary).toMatchObject({ skipped: 1, other: 1, passed: 2 });
    expect(validate(JSON.parse(JSON.stringify(c))).valid).toBe(true);
  });
});
