import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RECORDED } from "../evidence/record-fixture.ts";
import { strengthSummary } from "../render/strength.ts";
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

describe("--strength-break over a recorded strength run with survivors (smoke --scenario local-token-handoff --strength)", () => {
  // What strength.e2e.test.ts once ran for itself: the run is recorded, the break is judgment.
  const recorded = JSON.parse(readFileSync(join(RECORDED, "smoke-strength-survivors.json"), "utf8")) as Report;
  const withBreak = (n: number): Report => ({ ...recorded, strength: { ...recorded.strength!, break: n } });

  it("the four variants local-token-handoff names are killed on its wire; the others' catchers did not run: survived", () => {
    const status = Object.fromEntries(recorded.strength!.mutants.map((m) => [m.id, m.status]));
    for (const id of ["token-never-sent", "device-beside-token", "derive-other-label", "derive-other-key"]) expect(status[id], id).toBe("killed");
    for (const id of ["locality-ignored", "any-runtime-token-accepted", "token-on-every-url", "agent-token-dropped-local"]) expect(status[id], id).toBe("survived");
  });

  it("fails the run below the break (exit 1) and says so; at or under the score it passes", () => {
    expect(overallStatus(withBreak(100))).toBe("failed");
    expect(strengthSummary(withBreak(100).strength!)).toMatch(/^strength 4\/11 \(36\.3 %\), below the break of 100 %/);
    expect(overallStatus(withBreak(36))).toBe("passed");
    expect(strengthSummary(withBreak(36).strength!)).toContain("break 36 % met");
  });
});
