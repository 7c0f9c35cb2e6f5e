/**
 * matrix.md: the table (versions down, scenarios across), then for every scenario the releases where its verdict
 * changed, then the six-field proof block of the newest release (the same renderer as a smoke's proof.md). Rendered
 * from the matrix document alone. Pure.
 */
import type { MatrixDocument } from "../evidence/matrix-types.ts";
import { renderMarkdownProof } from "./markdown.ts";
import { cellLabel } from "./matrix-terminal.ts";
import { oneLine } from "./terminal.ts";

function cell(s: string): string {
  return oneLine(s).replace(/\|/g, "\\|");
}

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

export function renderMatrixMarkdown(doc: MatrixDocument, opts: { newestReportPath: string | null }): string {
  const out: string[] = [];
  const first = doc.versions[0]?.version ?? "-";
  const last = doc.versions.at(-1)?.version ?? "-";
  out.push(`### Release matrix: openclaw ${first} to ${last}`, "");
  out.push(`${cell(doc.summary.verdict)}`, "");
  out.push(`| version | ${doc.scenarios.map((s) => `\`${s}\``).join(" | ")} | class | reason |`);
  out.push(`|---|${doc.scenarios.map(() => "---").join("|")}|---|---|`);
  for (const v of doc.versions) {
    const cells = v.cells.map((c) => (cellLabel(c) === "pass" ? "pass" : `**${cellLabel(c)}**`));
    out.push(`| ${v.version} | ${cells.join(" | ")} | ${v.classification} | ${v.classification === "fixed" && !v.reason.includes(";") ? "" : cell(v.reason)} |`);
  }
  const dialects = doc.versions.filter((v) => v.dialects.length);
  if (dialects.length) {
    out.push("", "Request dialects the harness fell back to (feature-detected from the gateway's answers):", "");
    for (const v of dialects) out.push(`- ${v.version}: ${v.dialects.map(cell).join("; ")}`);
  }
  const broken = doc.versions.filter((v) => v.logTail);
  for (const v of broken) out.push("", `<details><summary>${v.version} log tail</summary>`, "", "```text", ...(v.logTail ?? "").split("\n").map((l) => (l.startsWith("#") ? ` ${l}` : l)), "```", "", "</details>");
  out.push("", "#### Where each scenario's verdict changed", "");
  for (const c of doc.summary.changes) {
    const t = c.transitions.map((x) => `${x.from} (${x.before}) → ${x.to} (${x.after})`).join(", ");
    out.push(`- \`${c.scenario}\`: ${t || "no change across the comparable releases"}`);
  }
  const findings = findingsByRelease(doc);
  if (findings.length) {
    out.push("", "#### Findings recorded on the wire (observations, not verdicts)", "");
    for (const f of findings) out.push(`- \`${f.scenario}\`: ${cell(f.finding)} (${f.versions.join(", ")})`);
  }
  out.push("", `Versions from the registry (${doc.versionList.source}${doc.versionList.fetchedAt ? `, read ${doc.versionList.fetchedAt}` : ""}): ${doc.versionList.selected.join(", ")}.`);
  if (doc.newest) {
    out.push("", `#### Proof block of the newest release (${doc.newest.targets[0]?.target.version ?? "?"})`, "");
    out.push(renderMarkdownProof(doc.newest, { reportPath: opts.newestReportPath ?? "report.json" }));
  }
  return `${out.join("\n")}\n`;
}
