import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validate } from "ctrf";
import type { MatrixDocument, MatrixVersion } from "../evidence/matrix-types.ts";
import type { Report } from "../evidence/types.ts";
import { RECORDED } from "../evidence/record-fixture.ts";
import { validateMatrix } from "../evidence/validate-matrix.ts";
import { renderMatrixCtrf } from "../render/matrix-ctrf.ts";
import { renderMatrixMarkdown } from "../render/matrix-markdown.ts";
import { renderMatrixTerminal } from "../render/matrix-terminal.ts";
import { PR_BUDGET } from "../render/budget.ts";
import { summarizeUpgrades } from "./document.ts";
import { upgradePath } from "./upgrade-path.ts";

/** A real upgrade matrix: `matrix --upgrade-to 2026.9.5 --versions 2026.6.5,2026.6.6` (2026-12-08). */
const recorded = (): MatrixDocument => JSON.parse(readFileSync(join(RECORDED, "matrix-upgrade.json"), "utf8")) as MatrixDocument;
const newest = (): Report => recorded().newest as Report;

describe("an upgrade path read from a real upgrade smoke (2026.6.6's home bumped to 2026.9.5)", () => {
  it("the recorded rows: the target imports the legacy file only through doctor, so each path needed it; the token survived into the database", () => {
    const doc = recorded();
    expect(validateMatrix(doc).ok).toBe(true);
    expect(doc.upgradeTo).toBe("2026.9.5");
    expect(doc.versions.map((v) => [v.version, v.upgrade?.outcome, v.upgrade?.socketTokenSurvived])).toEqual([
      ["2026.6.5", "needs-manual-step", true],
      ["2026.6.6", "needs-manual-step", true],
    ]);
    expect(doc.versions[1]?.upgrade).toMatchObject({ manualStep: "openclaw doctor --fix --non-interactive", locations: { before: ["file"], after: ["database"] }, before: "resolved" });
    expect(doc.versions[0]?.upgrade?.before).toBe("refused");
    // The row is what the report says: recomputed from the newest release's own report.
    expect(upgradePath(newest())).toEqual(doc.versions[1]?.upgrade);
  });

  it("no manual step recorded on the bumped gateway: works; a changed token is said", () => {
    const r = newest();
    for (const g of r.targets[0]?.gateways ?? []) if (g.build?.role === "head") delete g.stateMigration;
    const bump = r.targets[0]?.scenarios[0]?.steps?.find((x) => x.do === "upgrade-gateway");
    if (bump?.facts?.socketTokenAfter) bump.facts.socketTokenAfter.tokenFingerprints = ["000000000000"];
    expect(upgradePath(r)).toMatchObject({ outcome: "works", manualStep: null, socketTokenSurvived: false });
  });

  it("a handoff that fails after the bump breaks the path; a scenario that never got there says nothing of it", () => {
    const r = newest();
    const s = r.targets[0]?.scenarios[0];
    if (!s) throw new Error("no scenario in the recorded report");
    s.status = "failed";
    const last = s.expectations.find((e) => e.id.startsWith("step3:resolve"));
    if (last) last.pass = false;
    expect(upgradePath(r)).toMatchObject({ outcome: "breaks", text: expect.stringContaining("step3:resolve") });
    s.status = "not-applicable";
    expect(upgradePath(r)?.outcome).toBe("unknown");
    // A report without an upgrade scenario has no path.
    expect(upgradePath({ ...r, targets: [{ ...r.targets[0]!, scenarios: [] }] })).toBeNull();
  });
});

describe("an upgrade matrix's summary and renderings", () => {
  const row = (version: string, outcome: NonNullable<MatrixVersion["upgrade"]>["outcome"], classification: MatrixVersion["classification"] = "fixed"): MatrixVersion => ({
    ...(recorded().versions[0] as MatrixVersion),
    version,
    classification,
    upgrade: { outcome, manualStep: outcome === "needs-manual-step" ? "openclaw doctor --fix" : null, socketTokenSurvived: true, locations: null, before: "refused", text: outcome },
  });

  it("exit 1 only when a path breaks; each outcome names its releases", () => {
    const held = summarizeUpgrades([row("2026.6.5", "works"), row("2026.6.6", "needs-manual-step"), row("2026.8.1", "unknown", "broken")], ["upgrade-live-home"], "2026.9.6");
    expect(held.exitCode).toBe(0);
    expect(held.verdict).toBe("UPGRADE HELD to 2026.9.6: works from 2026.6.5; needs `openclaw doctor --fix` from 2026.6.6; no path observed from 2026.8.1");
    const broke = summarizeUpgrades([row("2026.6.5", "works"), row("2026.7.1", "breaks", "other-failure")], ["upgrade-live-home"], "2026.9.6");
    expect(broke.exitCode).toBe(1);
    expect(broke.verdict).toContain("UPGRADE BREAKS to 2026.9.6: works from 2026.6.5; breaks from 2026.7.1");
    expect(broke.regressions).toEqual(["2026.7.1 → 2026.9.6: breaks"]);
  });

  it("the table gains the path; matrix.md a column for it and the token, under the budget; CTRF one test per path", () => {
    const doc = recorded();
    const term = renderMatrixTerminal(doc, { color: false });
    expect(term).toContain("upgrade matrix: 2 release(s) of openclaw, each home bumped to 2026.9.5");
    expect(term).toMatch(/2026\.6\.6\s+pass\s+manual: doctor --fix\s+fixed/);
    const md = renderMatrixMarkdown(doc, { newestReportPath: "versions/x/report.json" });
    expect(md.length).toBeLessThanOrEqual(PR_BUDGET);
    expect(md).toContain("| after the bump to 2026.9.5 | socket token |");
    expect(md).toContain("| 2026.6.6 | pass | **manual: doctor --fix** | kept (file → database) | fixed |");
    expect(md).toContain("Proof block of the newest release (2026.6.6 bumped to 2026.9.5)");
    const ctrf = renderMatrixCtrf(doc);
    expect(validate(ctrf).valid).toBe(true);
    const paths = ctrf.results.tests.filter((t) => t.extra?.kind === "upgrade-path");
    expect(paths.map((t) => [t.name, t.status])).toEqual([
      ["2026.6.5 → 2026.9.5", "passed"],
      ["2026.6.6 → 2026.9.5", "passed"],
    ]);
  });
});
