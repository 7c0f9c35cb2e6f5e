import { describe, expect, it } from "vitest";
import { proofReport, smokeFailReport, smokePassReport } from "../evidence/sample-reports.ts";
import type { Report, ScenarioResult } from "../evidence/types.ts";
import { overallStatus } from "./run-status.ts";

const skippedAll = (r: Report): Report => ({
  ...r,
  targets: r.targets.map((t) => ({ ...t, scenarios: t.scenarios.map((s): ScenarioResult => ({ ...s, status: "skipped", skipReason: "needs root", expectations: [] })) })),
});

describe("overallStatus over the sample reports", () => {
  it("passes a passing smoke, fails a failing one", () => {
    expect(overallStatus(smokePassReport())).toBe("passed");
    expect(overallStatus(smokeFailReport())).toBe("failed");
    expect(overallStatus(proofReport())).toBe("passed");
  });
  it("a run whose scenarios were all skipped does not pass", () => {
    expect(overallStatus(skippedAll(smokePassReport()))).toBe("failed");
  });
  it("a proof with no comparison rows does not pass", () => {
    expect(overallStatus({ ...proofReport(), comparison: [] })).toBe("failed");
  });
  it("a proof with an empty or missing preflight does not pass (issue 15 §1)", () => {
    expect(overallStatus({ ...proofReport(), preflight: [] })).toBe("failed");
    expect(overallStatus({ ...proofReport(), preflight: null })).toBe("failed");
  });
  it("a failed hygiene check fails an otherwise passing run, and an abort wins", () => {
    const pass = smokePassReport();
    const dirty = { ...pass, hygiene: pass.hygiene.map((h) => ({ ...h, pass: false })) };
    expect(overallStatus(dirty)).toBe("failed");
    expect(overallStatus({ ...smokePassReport(), abortReason: "harness received SIGINT" })).toBe("aborted");
  });
});
