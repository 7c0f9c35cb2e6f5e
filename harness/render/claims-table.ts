/**
 * The one table a reviewer decides on: each claim (one scenario) down, each build across, and for a proof what the
 * change did to the claim's expectations (their comparison classes). Rendered from the report alone. Pure.
 */
import type { ComparisonRow, Report, ScenarioStatus } from "../evidence/types.ts";
import { code } from "./markdown-parts.ts";
import { cell } from "./text.ts";
import { verdictLabel } from "./terminal.ts";

function statusCell(status: ScenarioStatus | undefined): string {
  if (status === undefined) return "-";
  const label = verdictLabel(status);
  return status === "failed" ? `**${label}**` : label;
}

/** The classes a reviewer reads first come first. */
const CLASS_ORDER: readonly ComparisonRow["class"][] = ["FAIL_TO_PASS", "PASS_TO_FAIL", "FAIL_TO_FAIL", "INCOMPLETE", "PASS_TO_PASS"];

/** What base → head did to one scenario's expectations: their classes, the fix marked, rows not as declared counted. */
export function changeCell(rows: readonly ComparisonRow[]): string {
  if (rows.length === 0) return "-";
  const classes = CLASS_ORDER.filter((k) => rows.some((r) => r.class === k));
  const fix = rows.some((r) => r.declared === "FAIL_TO_PASS") ? " (the fix)" : "";
  const off = rows.filter((r) => !r.holds).length;
  return `${classes.join(", ")}${fix}${off ? `, **${off} of ${rows.length} not as declared**` : ""}`;
}

/** Scenario ids in run order, each once, with its claim. */
function claimsOf(report: Report): Map<string, string> {
  const claims = new Map<string, string>();
  for (const t of report.targets) for (const s of t.scenarios) if (!claims.has(s.id)) claims.set(s.id, s.claim);
  return claims;
}

/** The table; withClaims false leaves the claim sentences out (the short form when the PR rendering is over budget). */
export function claimsTable(report: Report, withClaims = true): string[] {
  const claims = claimsOf(report);
  if (claims.size === 0) return ["No scenario ran."];
  const multi = report.targets.length > 1;
  const builds = report.targets.map((t) => `${multi ? `${t.role} ` : ""}${cell(t.target.version)}`);
  const cmp = report.comparison;
  const head = ["scenario", ...(withClaims ? ["claim"] : []), ...builds, ...(cmp ? ["base → head"] : [])];
  const rows = [...claims].map(([id, claim]) => {
    const statuses = report.targets.map((t) => statusCell(t.scenarios.find((s) => s.id === id)?.status));
    const cells = [code(id), ...(withClaims ? [cell(claim)] : []), ...statuses, ...(cmp ? [changeCell(cmp.filter((r) => r.scenario === id))] : [])];
    return `| ${cells.join(" | ")} |`;
  });
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows];
}
