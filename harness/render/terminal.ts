/**
 * The short verdict table printed at the end of a run. Rendered from the report alone (already redacted),
 * so no secret can reach it. Pure.
 */
import type { ComparisonRow, Report, ScenarioResult, ScenarioStatus, TargetRun } from "../evidence/types.ts";
import { comparisonNeedsRerun, exactHead, headOf, needsRerun, rerunCommand } from "./rerun.ts";
import { formatMs, oneLine } from "./text.ts";
import { strengthLines, strengthSummary } from "./strength.ts";

export { formatMs, oneLine };

export interface TerminalOptions {
  color: boolean;
}

type Paint = (code: string, s: string) => string;

const VERDICT: Record<ScenarioStatus, { label: string; code: string }> = {
  passed: { label: "PASS", code: "32" },
  failed: { label: "FAIL", code: "1;31" },
  skipped: { label: "SKIP", code: "33" },
  "not-run": { label: "NOT RUN", code: "90" },
  "not-applicable": { label: "N/A", code: "90" },
};

const CLASS_CODE: Record<ComparisonRow["class"], string> = {
  FAIL_TO_PASS: "32",
  PASS_TO_PASS: "32",
  PASS_TO_FAIL: "1;31",
  FAIL_TO_FAIL: "31",
  INCOMPLETE: "33",
};

export function verdictLabel(status: ScenarioStatus): string {
  return VERDICT[status].label;
}

/** Columns padded to the widest cell; colour applied after padding so alignment holds. */
function table(rows: string[][], codes: Array<Array<string | null>>, paint: Paint): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row, r) =>
    row
      .map((cell, i) => {
        const pad = i === row.length - 1 ? "" : " ".repeat((widths[i] ?? 0) - [...cell].length);
        const code = codes[r]?.[i] ?? null;
        return (code && cell ? paint(code, cell) : cell) + pad;
      })
      .join("  ")
      .trimEnd(),
  );
}

function scenarioText(s: ScenarioResult): string {
  if (s.status === "skipped") return oneLine(`skipped: ${s.skipReason ?? "no reason given"}`);
  if (s.status === "not-run") return oneLine(`not run: ${s.skipReason ?? s.deciding}`);
  if (s.status === "not-applicable") return oneLine(`not applicable: ${s.skipReason ?? s.deciding}`);
  return oneLine(s.deciding);
}

function targetTitle(t: TargetRun): string {
  const x = t.target;
  const head = exactHead(x);
  return oneLine(`openclaw ${x.version} (${x.kind} ${x.spec}, node ${x.nodeVersion})${head ? `, ${head}` : ""}, gateway ready in ${formatMs(t.timings.gatewayReadyMs)}`);
}

function counts(t: TargetRun): string {
  const c: Record<ScenarioStatus, number> = { passed: 0, failed: 0, skipped: 0, "not-run": 0, "not-applicable": 0 };
  for (const s of t.scenarios) c[s.status] += 1;
  const na = c["not-applicable"] ? `, ${c["not-applicable"]} not applicable` : "";
  return `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${c["not-run"]} not run${na}`;
}

function scenarioLines(report: Report, paint: Paint): string[] {
  const multi = report.targets.length > 1;
  const rows: string[][] = [];
  const codes: Array<Array<string | null>> = [];
  for (const t of report.targets) {
    for (const s of t.scenarios) {
      const v = VERDICT[s.status];
      rows.push([...(multi ? [t.role] : []), v.label, s.id, scenarioText(s)]);
      codes.push([...(multi ? [null] : []), v.code, null, null]);
    }
  }
  const aligned = table(rows, codes, paint);
  const roleWidth = Math.max(0, ...report.targets.map((t) => t.role.length));
  const out: string[] = [];
  let i = 0;
  for (const t of report.targets) {
    const role = multi ? `${t.role.padEnd(roleWidth)}  ` : "";
    out.push(`${role}${paint("1", "target")}  ${targetTitle(t)}`);
    for (const s of t.scenarios) {
      out.push(aligned[i] ?? "");
      i += 1;
      if (s.status === "passed") continue;
      for (const f of s.findings) out.push(`${" ".repeat(role.length)}  finding: ${oneLine(f)}`);
      if (needsRerun(s.status)) out.push(`${" ".repeat(role.length)}  rerun: ${rerunCommand(t.target, s.id)}`);
    }
  }
  return out;
}

function comparisonLines(rows: ComparisonRow[], head: TargetRun | null, paint: Paint): string[] {
  const body = rows.map((r) => [
    r.scenario,
    r.expectation,
    r.base,
    r.head,
    r.class,
    r.holds ? "" : `✗ does not hold (declared ${r.declared ?? "a fix or no change"})`,
    head && comparisonNeedsRerun(r) ? `rerun: ${rerunCommand(head.target, r.scenario)}` : "",
  ]);
  const codes = rows.map((r) => [null, null, null, null, CLASS_CODE[r.class], r.holds ? null : "1;31", null]);
  return table([["scenario", "expectation", "base", "head", "class", "", ""], ...body], [["1", "1", "1", "1", "1", null, null], ...codes], paint);
}

export function renderTerminal(report: Report, opts: TerminalOptions): string {
  const paint: Paint = (code, s) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [...scenarioLines(report, paint)];
  if (report.comparison !== null) {
    lines.push("", ...comparisonLines(report.comparison, headOf(report), paint));
  }
  if (report.strength) lines.push("", ...strengthLines(report.strength, paint, headOf(report)?.target ?? null));
  for (const p of report.preflight ?? []) {
    if (!p.ok) lines.push(`${paint("1;31", "preflight FAIL")}  ${p.end}: expected ${oneLine(p.expected)}, got ${oneLine(p.detail)}`);
  }
  const dirty = report.hygiene.filter((h) => !h.pass);
  if (dirty.length > 0) lines.push("");
  for (const h of dirty) {
    const more = h.offenders.length > 5 ? `, +${h.offenders.length - 5} more` : "";
    const who = h.offenders.length ? ` (${h.offenders.slice(0, 5).map(oneLine).join(", ")}${more})` : "";
    lines.push(`${paint("1;31", "hygiene FAIL")}  ${h.id}: ${oneLine(h.detail)}${who}`);
  }
  if (report.status === "aborted") lines.push(`${paint("1;31", "aborted")}: ${oneLine(report.abortReason ?? "no reason recorded")}`);
  const perTarget = report.targets.length === 1 ? counts(report.targets[0] as TargetRun) : report.targets.map((t) => `${t.role}: ${counts(t)}`).join("; ");
  const cleanHygiene = report.hygiene.length - dirty.length;
  const held = `${report.comparison ? `, comparison ${report.comparison.filter((r) => r.holds).length}/${report.comparison.length} rows hold` : ""}${report.strength ? `, ${strengthSummary(report.strength)}` : ""}`;
  const status = report.status.toUpperCase();
  const statusCode = report.status === "passed" ? "1;32" : "1;31";
  lines.push(
    "",
    `${paint(statusCode, status)}  ${report.targets.length === 0 ? "no target ran" : perTarget}${held}, hygiene ${cleanHygiene}/${report.hygiene.length} clean, total ${formatMs(report.timings.totalMs)}`,
  );
  return lines.join("\n");
}
