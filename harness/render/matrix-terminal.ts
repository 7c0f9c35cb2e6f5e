/**
 * The matrix table for a terminal: versions down, scenarios across (numbered, with a legend), one cell each, then
 * why each version that is not fixed is what it is, the dialects used, the verdict changes and the verdict line.
 * Rendered from the matrix document alone (its texts come from redacted reports). Pure.
 */
import type { MatrixCell, MatrixDocument, UpgradePath, VersionClass } from "../evidence/matrix-types.ts";
import { formatMs, oneLine } from "./terminal.ts";

export const CELL_LABEL: Record<VersionClass, string> = {
  fixed: "pass",
  "shows-bug": "BUG",
  "other-failure": "FAIL",
  "not-applicable": "n/a",
  broken: "BROKEN",
};

/**
 * A cell's label: its class, except a failed scenario counted fixed only because its declared OpenClaw finding is
 * what failed (classifyCell), which reads "finding", never "pass".
 */
export function cellLabel(c: MatrixCell): string {
  return c.class === "fixed" && c.status === "failed" ? "finding" : CELL_LABEL[c.class];
}

/** Cells that show a declared OpenClaw finding: the scenario, its first finding line and the releases, in row order. */
export function declaredFindings(doc: MatrixDocument): { scenario: string; finding: string; versions: string[] }[] {
  const by = new Map<string, { scenario: string; finding: string; versions: string[] }>();
  for (const v of doc.versions) {
    for (const c of v.cells) {
      if (cellLabel(c) !== "finding") continue;
      const hit = by.get(c.scenario) ?? { scenario: c.scenario, finding: c.findings.find((f) => f.startsWith("OpenClaw finding")) ?? c.text, versions: [] };
      hit.versions.push(v.version);
      by.set(c.scenario, hit);
    }
  }
  return [...by.values()];
}

/** An upgrade path in a few words: its outcome, and the manual step it needed. */
export function upgradeLabel(u: UpgradePath | null): string {
  if (!u) return "no path";
  if (u.outcome === "needs-manual-step") return `manual: ${(u.manualStep ?? "?").replace(/^openclaw /, "").replace(/ --non-interactive$/, "")}`;
  return u.outcome === "unknown" ? "not observed" : u.outcome;
}

const UPGRADE_CODE: Record<UpgradePath["outcome"], string> = { works: "32", "needs-manual-step": "33", breaks: "1;31", unknown: "90" };

const CODE: Record<VersionClass, string> = { fixed: "32", "shows-bug": "33", "other-failure": "1;31", "not-applicable": "90", broken: "1;35" };

export function renderMatrixTerminal(doc: MatrixDocument, opts: { color: boolean }): string {
  const paint = (code: string, s: string): string => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const cols = doc.scenarios.map((_, i) => String(i + 1));
  const vWidth = Math.max(7, ...doc.versions.map((v) => v.version.length));
  const cWidth = Math.max(7, ...cols.map((c) => c.length));
  const pad = (s: string, w: number): string => s + " ".repeat(Math.max(0, w - [...s].length));
  const lines: string[] = [];
  const title = doc.upgradeTo ? `upgrade matrix: ${doc.versions.length} release(s) of openclaw, each home bumped to ${doc.upgradeTo}` : `release matrix: ${doc.versions.length} version(s) of openclaw`;
  lines.push(paint("1", `${title}, ${doc.scenarios.length} scenario(s) (${doc.source})`));
  doc.scenarios.forEach((s, i) => lines.push(`  ${cols[i]} = ${s}`));
  const upgrade = doc.upgradeTo !== undefined;
  const uWidth = Math.max(17, ...doc.versions.map((v) => upgradeLabel(v.upgrade ?? null).length));
  lines.push("", [pad("version", vWidth), ...cols.map((c) => pad(c, cWidth)), ...(upgrade ? [pad("after the bump", uWidth)] : []), "class"].join("  "));
  for (const v of doc.versions) {
    const cells = v.cells.map((c) => paint(cellLabel(c) === "finding" ? "36" : CODE[c.class], pad(cellLabel(c), cWidth)));
    const path = upgrade ? [paint(UPGRADE_CODE[v.upgrade?.outcome ?? "unknown"], pad(upgradeLabel(v.upgrade ?? null), uWidth))] : [];
    lines.push([pad(v.version, vWidth), ...cells, ...path, paint(CODE[v.classification], v.classification)].join("  ").trimEnd());
  }
  if (upgrade) lines.push("");
  for (const v of upgrade ? doc.versions : []) lines.push(`${pad(v.version, vWidth)}  → ${doc.upgradeTo}: ${oneLine(v.upgrade?.text ?? "no report to read the path from")}`);
  const notFixed = doc.versions.filter((v) => v.classification !== "fixed");
  if (notFixed.length) lines.push("");
  for (const v of notFixed) lines.push(`${pad(v.version, vWidth)}  ${v.classification}: ${oneLine(v.reason)}`);
  const dialects = doc.versions.filter((v) => v.dialects.length);
  if (dialects.length) lines.push("");
  for (const v of dialects) lines.push(`${pad(v.version, vWidth)}  dialect: ${v.dialects.map(oneLine).join("; ")}`);
  const known = declaredFindings(doc);
  if (known.length) lines.push("", "OpenClaw findings (the scenario fails on these releases as declared; the rest of it holds):");
  for (const f of known) lines.push(`  ${f.scenario} (${f.versions.join(", ")}): ${oneLine(f.finding)}`);
  const changed = doc.summary.changes.filter((c) => c.transitions.length);
  if (changed.length) lines.push("", "verdict changes:");
  for (const c of changed) lines.push(`  ${c.scenario}: ${c.transitions.map((t) => `${t.from} ${t.before} → ${t.to} ${t.after}`).join(", ")}`);
  const disk = doc.disk ? `, cache peak ${(doc.disk.peakBytes / 1024 ** 3).toFixed(1)} GiB${doc.disk.prune ? " (pruned)" : ""}` : "";
  lines.push("", `${paint(doc.summary.exitCode === 0 ? "1;32" : "1;31", doc.summary.verdict)}`, `total ${formatMs(doc.timings.totalMs)}${disk}`);
  return lines.join("\n");
}
