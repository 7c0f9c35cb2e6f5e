/**
 * matrix.md: the table (versions down, scenarios across), then for every scenario the releases where its verdict
 * changed, the findings, then the proof of the newest release (the same renderer as a smoke's proof.md), under
 * PR_BUDGET: over it, the longest parts fold first and say where the full text is, matrix-details.md beside it, which
 * holds every part whole and the newest release's proof details. Rendered from the matrix document alone. Pure.
 */
import type { MatrixDocument } from "../evidence/matrix-types.ts";
import { renderMarkdownProof } from "./markdown.ts";
import { renderProofDetails } from "./markdown-details.ts";
import { cellLabel, upgradeLabel } from "./matrix-terminal.ts";
import { cell } from "./text.ts";
import { fitToBudget, foldNote, PR_BUDGET, SUMMARY_BUDGET, SUMMARY_LIMIT, utf8Bytes, type Part } from "./budget.ts";

/** Each scenario's distinct findings and the releases that recorded them, in row order. Pure. */
export function findingsByRelease(doc: MatrixDocument): { scenario: string; finding: string; versions: string[] }[] {
  const by = new Map<string, { scenario: string; finding: string; versions: string[] }>();
  for (const v of doc.versions) {
    for (const c of v.cells) {
      for (const f of c.findings) {
        const key = `${c.scenario}\u0000${f}`;
        const hit = by.get(key) ?? { scenario: c.scenario, finding: f, versions: [] };
        hit.versions.push(v.version);
        by.set(key, hit);
      }
    }
  }
  return [...by.values()];
}

export interface MatrixMarkdownOptions {
  newestReportPath: string | null;
  /** The details file's name as the reader sees it (default matrix-details.md). */
  detailsName?: string;
  budget?: number;
}

function tableLines(doc: MatrixDocument): string[] {
  const up = doc.upgradeTo !== undefined;
  const head = up ? ` after the bump to ${doc.upgradeTo} | socket token |` : "";
  const out = [`| version | ${doc.scenarios.map((s) => `\`${s}\``).join(" | ")} |${head} class | reason |`, `|---|${doc.scenarios.map(() => "---").join("|")}|${up ? "---|---|" : ""}---|---|`];
  for (const v of doc.versions) {
    const cells = v.cells.map((c) => (cellLabel(c) === "pass" ? "pass" : `**${cellLabel(c)}**`));
    const u = v.upgrade ?? null;
    const token = u?.socketTokenSurvived === null || !u ? "not observed" : u.socketTokenSurvived ? `kept (${u.locations?.before.join("+") || "?"} → ${u.locations?.after.join("+") || "?"})` : "**changed**";
    const path = up ? ` ${u?.outcome === "works" ? "works" : `**${cell(upgradeLabel(u))}**`} | ${token} |` : "";
    out.push(`| ${v.version} | ${cells.join(" | ")} |${path} ${v.classification} | ${v.classification === "fixed" && !v.reason.includes(";") ? "" : cell(v.reason)} |`);
  }
  return out;
}

/** The matrix as parts, in order; `where` names the full text for a folded part. */
export function matrixParts(doc: MatrixDocument, opts: MatrixMarkdownOptions, where: string): Part[] {
  const first = doc.versions[0]?.version ?? "-";
  const last = doc.versions.at(-1)?.version ?? "-";
  const dialects = doc.versions.filter((v) => v.dialects.length);
  const logTails = doc.versions.filter((v) => v.logTail).flatMap((v) => ["", `<details><summary>${v.version} log tail</summary>`, "", "```text", ...(v.logTail ?? "").split("\n").map((l) => (l.startsWith("#") ? ` ${l}` : l)), "```", "", "</details>"]);
  const findings = findingsByRelease(doc);
  // An upgrade matrix's newest report is the newest release's bump to the target: named by both.
  const head = doc.newest?.targets[0]?.target.version ?? "?";
  const newestVersion = doc.newest?.upgradeBase ? `${doc.newest.upgradeBase.version} bumped to ${head}` : head;
  return [
    { name: "title and table", lines: [doc.upgradeTo ? `### Upgrade matrix: openclaw ${first} to ${last}, each home bumped to ${doc.upgradeTo}` : `### Release matrix: openclaw ${first} to ${last}`, "", cell(doc.summary.verdict), "", ...tableLines(doc)] },
    { name: "dialects", lines: dialects.length ? ["", "Request dialects the harness fell back to (feature-detected from the gateway's answers):", "", ...dialects.map((v) => `- ${v.version}: ${v.dialects.map(cell).join("; ")}`)] : [], folded: foldNote("The request dialects", where) },
    { name: "log tails", lines: logTails, folded: foldNote("The log tails of the broken versions", where) },
    {
      name: "changes",
      lines: ["", "#### Where each scenario's verdict changed", "", ...doc.summary.changes.map((c) => `- \`${c.scenario}\`: ${c.transitions.map((x) => `${x.from} (${x.before}) → ${x.to} (${x.after})`).join(", ") || "no change across the comparable releases"}`)],
      folded: foldNote("Where each scenario's verdict changed", where),
    },
    { name: "findings", lines: findings.length ? ["", "#### Findings recorded on the wire (observations, not verdicts)", "", ...findings.map((f) => `- \`${f.scenario}\`: ${cell(f.finding)} (${f.versions.join(", ")})`)] : [], folded: foldNote("The findings recorded on the wire", where) },
    { name: "versions", lines: ["", `Versions from the registry (${doc.versionList.source}${doc.versionList.fetchedAt ? `, read ${doc.versionList.fetchedAt}` : ""}): ${doc.versionList.selected.join(", ")}.`] },
    {
      name: "newest proof",
      lines: doc.newest ? ["", `#### Proof block of the newest release (${newestVersion})`, "", ...renderMarkdownProof(doc.newest, { reportPath: opts.newestReportPath ?? "report.json", details: { name: opts.detailsName ?? "matrix-details.md", url: null } }).trimEnd().split("\n")] : [],
      folded: foldNote(`The proof of the newest release (${newestVersion})`, where),
    },
  ];
}

/** matrix.md, within the budget. */
export function renderMatrixMarkdown(doc: MatrixDocument, opts: MatrixMarkdownOptions): string {
  const name = opts.detailsName ?? "matrix-details.md";
  return fitToBudget(matrixParts(doc, opts, `\`${name}\` beside this file`), opts.budget ?? PR_BUDGET).text;
}

/** matrix-details.md: every part of matrix.md whole, then the newest release's proof details. */
export function renderMatrixDetails(doc: MatrixDocument, opts: MatrixMarkdownOptions): string {
  const reportPath = opts.newestReportPath ?? "report.json";
  const parts: Part[] = [
    ...matrixParts(doc, opts, "this file"),
    ...(doc.newest ? [{ name: "newest details", lines: ["", ...renderProofDetails(doc.newest, { reportPath }).trimEnd().split("\n")], folded: foldNote("The newest release's proof details", `\`${reportPath}\``, SUMMARY_LIMIT) }] : []),
  ];
  return fitToBudget(parts, SUMMARY_BUDGET, utf8Bytes).text;
}
