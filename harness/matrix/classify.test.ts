import { describe, expect, it } from "vitest";
import { SAMPLES } from "../evidence/sample-reports.ts";
import type { Report } from "../evidence/types.ts";
import { changes } from "../../scenarios/changes.ts";
import { classifyCell, classifyVersion, regressionLine } from "./classify.ts";
import { readFileSync } from "node:fs";
import type { DoorRoute, Observations } from "../evidence/types.ts";
import { judge, scenarioStatus } from "../judge/evaluate.ts";
import { observedKnownFinding } from "../judge/known-finding.ts";
import { loadCatalog } from "../plan/catalog.ts";
import { cellLabel, declaredFindings } from "../render/matrix-terminal.ts";

const catalog = await loadCatalog();

const CORE = ["local-token-handoff", "env-url-omission", "configured-remote-identity", "fallback-local"];
const of = (report: Report, version = report.targets[0]?.target.version ?? "?") => classifyVersion({ version, report, reportPath: "r.json", logTail: null }, CORE, changes);

function edit(report: Report, id: string, fn: (s: Report["targets"][number]["scenarios"][number]) => void): Report {
  const s = report.targets[0]?.scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`no ${id}`);
  fn(s);
  return report;
}

describe("classifyCell: a declared OpenClaw finding", () => {
  const cell = (v: string, known: boolean) => {
    const rec = JSON.parse(readFileSync(new URL(`../../fixtures/observations/${v}-agent-tool-fallback-local.json`, import.meta.url), "utf8")) as { setup: { doors: DoorRoute[] }; observations: Observations };
    const def = catalog.find((s) => s.id === "agent-tool-fallback-local")!;
    const j = judge(def.expectations, rec.observations, { doors: rec.setup.doors });
    const s = { id: def.id, claim: def.claim, status: scenarioStatus(j.expectations), skipReason: null, setup: SAMPLES["smoke-pass"]().targets[0]!.scenarios[0]!.setup, observations: rec.observations, expectations: j.expectations, refusals: j.refusals, deciding: j.deciding, durationMs: 1, findings: [] };
    const k = observedKnownFinding(def.knownFinding, rec.observations.runtime);
    return classifyCell(known && k ? { ...s, knownFinding: k } : s, def.id, changes);
  };
  it("fixed when only the declared FAIL_TO_FAIL expectations fail and the run showed the finding; the base shows the bug", () => {
    expect(cell("2026.9.6", true).class).toBe("fixed");
    expect(cell("2026.6.5", true).class).toBe("shows-bug");
  });
  it("the same failures without the finding observed are another failure", () => {
    expect(cell("2026.9.6", false).class).toBe("other-failure");
  });
  it("a finding cell reads 'finding', never 'pass', and the terminal lists it with its releases", () => {
    const c = { ...cell("2026.9.6", true), findings: ["OpenClaw finding: the fix does not hold. Reproduce: x"] };
    expect(cellLabel(c)).toBe("finding");
    expect(cellLabel({ ...c, status: "passed" })).toBe("pass");
    const v = { cells: [c] } as unknown as Parameters<typeof declaredFindings>[0]["versions"][number];
    const doc = { versions: [{ ...v, version: "2026.9.6" }] } as unknown as Parameters<typeof declaredFindings>[0];
    expect(declaredFindings(doc)).toEqual([{ scenario: "agent-tool-fallback-local", finding: c.findings[0], versions: ["2026.9.6"] }]);
  });
});

describe("classifyVersion", () => {
  it("2026.9.6 passing everything is fixed; 2026.6.5 with the declared symptoms shows the bug", () => {
    expect(of(SAMPLES["smoke-pass"]())).toMatchObject({ classification: "fixed", reason: "every expectation holds", failing: [] });
    const bug = of(SAMPLES["smoke-fail"]());
    expect(bug.classification).toBe("shows-bug");
    expect(bug.failing).toContain("local-token-handoff/runtime-token");
    expect(bug.cells.map((c) => c.class)).toEqual(["shows-bug", "shows-bug", "shows-bug", "shows-bug"]);
  });

  it("a failure that is no declared symptom is other-failure, named; a later symptom reads as the issue spells it", () => {
    const fail = (id: string, deciding: string) => (s: Report["targets"][number]["scenarios"][number]) => {
      s.status = "failed";
      s.deciding = deciding;
      const e = s.expectations.find((x) => x.id === id);
      if (e) e.pass = false;
    };
    const other = of(edit(SAMPLES["smoke-pass"](), "fallback-local", fail("url-source", "token = derived, no device, exec.approval.resolve ok")), "2026.9.7");
    expect(other).toMatchObject({ classification: "other-failure", failing: ["fallback-local/url-source"], reason: "fallback-local FAIL (url-source failed)" });
    const again = of(edit(SAMPLES["smoke-pass"](), "fallback-local", fail("runtime-token", "token ≠ derived, no device, refused by no-runtime-authority (APPROVAL_NOT_FOUND)")), "2026.9.7");
    expect(again.classification).toBe("shows-bug");
    expect(regressionLine(again)).toBe("2026.9.7: fallback-local FAIL (token ≠ derived)");
    const device = of(edit(SAMPLES["smoke-pass"](), "local-token-handoff", fail("device-identity", "token = derived, device present, exec.approval.resolve ok")), "2026.6.11");
    expect(regressionLine(device)).toBe("2026.6.11: local-token-handoff FAIL (device present)");
  });

  it("a hygiene failure is named but changes no class (it is the run's clean-up, not the build's verdict)", () => {
    const dirty = SAMPLES["smoke-pass"]();
    const h = dirty.hygiene[0];
    if (h) {
      h.pass = false;
      h.offenders = ["/tmp/openclaw-state-locks-0/x.lock.sqlite"];
    }
    expect(of(dirty)).toMatchObject({ classification: "fixed", failing: [`hygiene/${h?.id}`] });
    expect(of(dirty).reason).toMatch(/hygiene FAIL: .*x\.lock\.sqlite/);
  });

  it("a scenario that did not run (gateway never ready) is broken, with the log tail", () => {
    const notRun = edit(SAMPLES["smoke-pass"](), "local-token-handoff", (s) => {
      s.status = "not-run";
      s.skipReason = "gateway group: gateway exited before ready";
    });
    const b = classifyVersion({ version: "2026.9.6", report: notRun, reportPath: null, logTail: "last lines" }, CORE, changes);
    expect(b).toMatchObject({ classification: "broken", logTail: "last lines" });
    expect(b.reason).toMatch(/local-token-handoff did not run: gateway group/);
  });

  it("not-applicable cells leave a version fixed, with the reason; all not applicable is not-applicable", () => {
    const r = edit(SAMPLES["smoke-pass"](), "fallback-local", (s) => {
      s.status = "not-applicable";
      s.skipReason = "openclaw 2026.6.5 does not export ./plugin-sdk/x";
    });
    expect(of(r)).toMatchObject({ classification: "fixed" });
    expect(of(r).reason).toMatch(/not applicable: fallback-local \(openclaw 2026.6.5 does not export/);
    const all = SAMPLES["smoke-pass"]();
    for (const s of all.targets[0]?.scenarios ?? []) s.status = "not-applicable";
    expect(of(all).classification).toBe("not-applicable");
  });

  it("an install that failed is broken with its log tail; engines that refuse Node 24 make it not-applicable", () => {
    const broken = classifyVersion({ version: "2026.6.8", failure: { class: "broken", reason: "npm install failed", logTail: "E404" }, provisionMs: 10 }, CORE, changes);
    expect(broken).toMatchObject({ classification: "broken", logTail: "E404", report: null });
    expect(broken.cells.every((c) => c.class === "broken" && c.status === "absent")).toBe(true);
    const na = classifyVersion({ version: "2026.1.29", failure: { class: "not-applicable", reason: "openclaw 2026.1.29 needs Node >=22 <23", logTail: null }, provisionMs: 1 }, CORE, changes);
    expect(na.classification).toBe("not-applicable");
  });

  it("records the request dialect a build needed", () => {
    const r = edit(SAMPLES["smoke-fail"](), "local-token-handoff", (s) => {
      if (s.observations.requester) s.observations.requester.dialect = "exec.approval.request without requireDeliveryRoute";
    });
    expect(of(r, "2026.5.12").dialects).toEqual(["exec.approval.request without requireDeliveryRoute"]);
  });
});

describe("a runtime process the harness had to kill", () => {
  it("is no verdict on the build: the cell is broken, and says why", () => {
    const r = edit(SAMPLES["smoke-pass"](), "env-url-omission", (s) => {
      s.status = "failed";
      s.deciding = "no connection, no device, no resolve";
      if (s.observations.runtime) {
        s.observations.runtime.timedOut = true;
        s.observations.runtime.wallMs = 60_012;
      }
    });
    const v = of(r, "2026.6.8");
    expect(v.classification).toBe("broken");
    expect(v.cells[1]?.text).toMatch(/^runtime process timed out after 60012 ms/);
  });
});
