/**
 * The PR rendering under GitHub's comment limit, on recorded real runs (fixtures/reports/recorded/, kept by
 * harness/evidence/record-fixture.ts): a default proof with --strength, a proof in which the fix holds on neither
 * build (`proof --head 2026.6.5`), a strength run with survivors, and a matrix of the full release range.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../evidence/types.ts";
import type { MatrixDocument } from "../evidence/matrix-types.ts";
import { RECORDED } from "../evidence/record-fixture.ts";
import { checkPrContext, checkProofPolicy, proofParts, renderMarkdownProof } from "./markdown.ts";
import { renderProofDetails } from "./markdown-details.ts";
import { renderMatrixDetails, renderMatrixMarkdown } from "./matrix-markdown.ts";
import { renderTerminal } from "./terminal.ts";
import { fitToBudget, PR_BUDGET } from "./budget.ts";

const REPORT_PATH = "reports/run/report.json";

function load<T>(name: string): T {
  return JSON.parse(readFileSync(join(RECORDED, `${name}.json`), "utf8")) as T;
}

/** Every fence closes, and every table keeps its header and separator: nothing was cut inside either. */
function wellFormed(md: string): void {
  const lines = md.split("\n");
  let fence: string | null = null;
  for (const [i, l] of lines.entries()) {
    const f = /^(`{3,})/.exec(l)?.[1];
    if (f && fence === null) fence = f;
    else if (f && f.length >= (fence?.length ?? 0) && l.trim() === f) fence = null;
    if (fence !== null) continue;
    const prev = lines[i - 1] ?? "";
    if (l.startsWith("|") && !prev.startsWith("|")) expect(lines[i + 1] ?? "", `table at line ${i + 1}`).toMatch(/^\|(?:-+\|)+$/);
  }
  expect(fence, "an open fence at the end").toBeNull();
}

const PROOFS = ["proof-strength", "proof-all-fail", "smoke-strength-survivors"] as const;

describe.each(PROOFS)("recorded %s", (name) => {
  const report = load<Report>(name);
  const md = renderMarkdownProof(report, { reportPath: REPORT_PATH });
  const details = renderProofDetails(report, { reportPath: REPORT_PATH });

  it("renders proof.md under the 60,000-character budget, passing OpenClaw's PR-context rules and the six-field check", () => {
    expect(md.length).toBeLessThanOrEqual(PR_BUDGET);
    expect(checkPrContext(md)).toMatchObject({ ok: true, missing: [] });
    expect(checkProofPolicy(md).problems).toEqual([]);
    wellFormed(md);
  });

  it("leads with the verdict, then the claims × builds table, the findings, the strength line and the reruns", () => {
    const lines = md.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^\\*\\*Approval-runtime proof of openclaw/openclaw#87105: ${report.status.toUpperCase()}\\. `));
    const at = (re: RegExp): number => lines.findIndex((l) => re.test(l));
    const table = at(/^\| scenario \| claim \|/);
    expect(table).toBeGreaterThan(0);
    expect(table).toBeLessThan(at(/^## Real behavior proof/));
    for (const id of new Set(report.targets.flatMap((t) => t.scenarios.map((s) => s.id)))) expect(md).toContain(`| \`${id}\` |`);
    if (report.targets.some((t) => t.scenarios.some((s) => s.knownFinding))) expect(at(/^Findings for OpenClaw/)).toBeGreaterThan(table);
    if (report.strength) expect(at(/^Proof strength: strength \d+\/\d+/)).toBeGreaterThan(table);
    if (report.status !== "passed") expect(md).toContain("corepack pnpm smoke ");
  });

  it("keeps the whole terminal output, every comparison row and the diagrams in proof-details.md", () => {
    expect(details).toContain(renderTerminal(report, { color: false }));
    for (const r of report.comparison ?? []) expect(details).toContain(`| \`${r.scenario}\` | ${r.expectation} |`);
    const ran = report.targets.flatMap((t) => t.scenarios).filter((s) => s.status === "passed" || s.status === "failed");
    expect(details.match(/^```mermaid$/gm)).toHaveLength(ran.length);
    wellFormed(details);
  });

  // A one-scenario smoke has no part longer than the note that would stand in for it.
  it.runIf(report.comparison !== null)("folds the longest parts first under a smaller budget, says what it folded and where, and still passes both checks", () => {
    const parts = proofParts(report, { reportPath: REPORT_PATH });
    const folded = fitToBudget(parts, 15_000);
    expect(folded.fits).toBe(true);
    expect(folded.folded.length).toBeGreaterThan(0);
    const sizes = folded.folded.map((f) => f.chars);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    expect(folded.text).toContain("`proof-details.md`");
    expect(checkPrContext(folded.text).ok).toBe(true);
    expect(checkProofPolicy(folded.text).problems).toEqual([]);
    wellFormed(folded.text);
  });
});

describe("recorded matrix of the full release range", () => {
  it("renders matrix.md under the budget, its details beside it", () => {
    const doc = load<MatrixDocument>("matrix-releases");
    expect(doc.versions.length).toBeGreaterThanOrEqual(20);
    // The real run this was recorded from: 2026.6.5 shows the bug, 2026.6.6 is the first release with the fix.
    expect(doc.versions.slice(0, 2).map((v) => `${v.version} ${v.classification}`)).toEqual(["2026.6.5 shows-bug", "2026.6.6 fixed"]);
    expect(doc.summary.firstFixed).toBe("2026.6.6");
    const md = renderMatrixMarkdown(doc, { newestReportPath: "versions/newest/report.json" });
    expect(md.length).toBeLessThanOrEqual(PR_BUDGET);
    for (const v of doc.versions) expect(md).toContain(`| ${v.version} |`);
    wellFormed(md);
    const details = renderMatrixDetails(doc, { newestReportPath: "versions/newest/report.json" });
    expect(details.length).toBeGreaterThan(md.length);
    wellFormed(details);
    const small = renderMatrixMarkdown(doc, { newestReportPath: null, budget: 20_000 });
    expect(small.length).toBeLessThanOrEqual(20_000);
    expect(small).toContain("`matrix-details.md` beside this file");
  });
});
