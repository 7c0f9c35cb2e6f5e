/**
 * The two authored sections OpenClaw's PR-context check reads (render/pr-context-policy.ts): "What Problem This Solves"
 * (the change's problem, from scenarios/changes.ts as the report carries it, and the scenario claims) and "Evidence"
 * (the exact command and builds, the fenced terminal output, the FAIL_TO_PASS table, every failure with the command
 * that reruns it, and OpenClaw findings with their reproduction). Rendered from the report alone. Pure.
 */
import type { ComparisonRow, Report, ScenarioResult } from "../evidence/types.ts";
import { code, fenced, gib, targetLine } from "./markdown-parts.ts";
import { comparisonNeedsRerun, headOf, needsRerun, rerunCommand } from "./rerun.ts";
import { formatMs, oneLine, renderTerminal, verdictLabel } from "./terminal.ts";
import { strengthMarkdown } from "./strength.ts";

/** Scenarios the change is declared to fix (a FAIL_TO_PASS row in the comparison). */
function fixedByChange(report: Report): Set<string> {
  return new Set((report.comparison ?? []).filter((r) => r.declared === "FAIL_TO_PASS").map((r) => r.scenario));
}

export function problemSection(report: Report): string[] {
  const claims = new Map<string, string>();
  for (const t of report.targets) for (const s of t.scenarios) if (!claims.has(s.id)) claims.set(s.id, s.claim);
  const fixed = fixedByChange(report);
  return [
    "## What Problem This Solves",
    "",
    oneLine(report.change.problem),
    "",
    `This run holds the build${report.targets.length > 1 ? "s" : ""} to the claims of ${oneLine(report.change.fix)}, one scenario a claim, each observed on the wire between real processes:`,
    ...[...claims].map(([id, claim]) => `- ${code(id)}${fixed.has(id) ? " (the change's fix: fails before it, passes with it)" : ""}: ${oneLine(claim)}`),
  ];
}

/** Markdown table cell: one line, pipes escaped. */
function cell(s: string): string {
  return oneLine(s).replace(/\|/g, "\\|");
}

function failToPassTable(rows: ComparisonRow[]): string[] {
  const shown = rows.filter((r) => r.declared === "FAIL_TO_PASS" || r.class === "FAIL_TO_PASS" || !r.holds);
  if (shown.length === 0) return ["", "FAIL_TO_PASS: no expectation of this run is declared to change from base to head."];
  return [
    "",
    `FAIL_TO_PASS: what the change fixes, base → head (${shown.filter((r) => r.holds).length} of ${shown.length} rows as declared; every row of the comparison is in the terminal output above):`,
    "",
    "| scenario | expectation | base | head | class | declared | holds |",
    "|---|---|---|---|---|---|---|",
    ...shown.map((r) => `| ${code(r.scenario)} | ${cell(r.expectation)} | ${r.base} | ${r.head} | ${r.class} | ${r.declared ?? "-"} | ${r.holds ? "yes" : "**no**"} |`),
  ];
}

/** Every failed or unfinished scenario and every comparison row that fails or is incomplete, with its rerun command. */
function failures(report: Report): string[] {
  const multi = report.targets.length > 1;
  const out: string[] = [];
  for (const t of report.targets) {
    for (const s of t.scenarios.filter((x) => needsRerun(x.status))) {
      out.push(`- ${code(s.id)} on ${multi ? `${t.role} ` : ""}openclaw ${oneLine(t.target.version)}: ${verdictLabel(s.status)}, ${oneLine(s.status === "failed" ? s.deciding : (s.skipReason ?? s.deciding))}. Rerun: ${code(rerunCommand(t.target, s.id))}`);
    }
  }
  const head = headOf(report);
  for (const r of (report.comparison ?? []).filter(comparisonNeedsRerun)) {
    if (!head) break;
    out.push(`- ${code(r.scenario)} ${cell(r.expectation)}: ${r.class}${r.holds ? ", as declared" : `, declared ${r.declared ?? "a fix or no change"}`}. Rerun on the head: ${code(rerunCommand(head.target, r.scenario))}`);
  }
  const what = report.comparison ? " (on the base, a failure is the bug the change fixes)" : "";
  return out.length ? ["", `Failed or unfinished scenarios and comparison rows${what}, each with the one command that reruns it against that build:`, ...out] : [];
}

/** Each lifecycle scenario's steps, in order, with what decided each one. */
function lifecycleSteps(report: Report): string[] {
  const multi = report.targets.length > 1;
  const out: string[] = [];
  for (const t of report.targets) {
    for (const s of t.scenarios.filter((x) => x.steps?.length)) {
      out.push("", `Steps of ${code(s.id)} on ${multi ? `${t.role} ` : ""}openclaw ${oneLine(t.target.version)} (one gateway of its own; its home outlives the restarts):`);
      for (const st of s.steps ?? []) {
        const held = st.error === null && st.expectations.every((e) => e.pass);
        out.push(`${st.index}. ${st.do}${st.by ? ` by ${st.by}` : ""}: ${held ? "held" : "**did not hold**"}, ${oneLine(st.deciding)} (${formatMs(st.durationMs)})`);
      }
    }
  }
  return out;
}

/** The OpenClaw defects this run showed, each once, with the releases that showed it and how to reproduce it. */
function knownFindings(report: Report): string[] {
  const byScenario = new Map<string, { f: NonNullable<ScenarioResult["knownFinding"]>; versions: string[] }>();
  for (const t of report.targets) {
    for (const s of t.scenarios) {
      if (!s.knownFinding) continue;
      const seen = byScenario.get(s.id) ?? { f: s.knownFinding, versions: [] };
      seen.versions.push(oneLine(t.target.version));
      byScenario.set(s.id, seen);
    }
  }
  if (byScenario.size === 0) return [];
  const out = ["", "Findings for OpenClaw (each reproduces without this harness):"];
  for (const [id, { f, versions }] of byScenario) {
    out.push(`- ${code(id)} on openclaw ${versions.join(", ")}: ${oneLine(f.title)}. Observed: ${code(oneLine(f.observed))}.`);
    out.push(`  - reproduce: ${code(oneLine(f.reproduce))}`);
    for (const src of f.source) out.push(`  - source: ${oneLine(src)}`);
  }
  return out;
}

export function evidenceSection(report: Report, reportPath: string): string[] {
  const multi = report.targets.length > 1;
  const h = report.host;
  const terminal = renderTerminal(report, { color: false }).split("\n");
  return [
    "## Evidence",
    "",
    `Command, run after this patch: ${code(report.command)} (run ${code(report.runId)}, started ${oneLine(report.startedAt)}, ${formatMs(report.timings.totalMs)} in all; every frame and verdict is in ${code(reportPath)}). Builds:`,
    ...report.targets.map((t) => targetLine(t, multi)),
    `- host: ${oneLine(`${h.os} ${h.release} ${h.arch}`)}, ${h.cpus} CPUs, ${gib(h.memoryBytes)} RAM, harness ${oneLine(`${report.harness.name} ${report.harness.version}`)} on Node ${oneLine(h.harnessNode)}`,
    "",
    "Terminal output of that command (its stdout, as printed at the end of the run):",
    ...fenced("text", [...terminal, `report: ${oneLine(reportPath)}`]),
    ...(report.comparison ? failToPassTable(report.comparison) : []),
    ...(report.strength ? strengthMarkdown(report.strength) : []),
    ...lifecycleSteps(report),
    ...failures(report),
    ...knownFindings(report),
  ];
}
