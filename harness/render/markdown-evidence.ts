/**
 * The pieces of the proof Markdown that carry evidence: the problem paragraph, the builds, the terminal output (its
 * end for the PR, the whole in the details), the comparison (the FAIL_TO_PASS rows, or every row), every failure with
 * the command that reruns it, each lifecycle scenario's steps, and OpenClaw findings with their reproduction.
 * markdown.ts (the PR rendering) and markdown-details.ts (proof-details.md) assemble them. Pure.
 */
import type { ComparisonRow, Report, ScenarioResult } from "../evidence/types.ts";
import { code, fenced, gib, targetLine } from "./markdown-parts.ts";
import { cell } from "./text.ts";
import { comparisonNeedsRerun, headOf, needsRerun, rerunCommand } from "./rerun.ts";
import { formatMs, oneLine, renderTerminal, verdictLabel } from "./terminal.ts";

export function problemSection(report: Report): string[] {
  const builds = report.targets.length > 1 ? "builds" : "build";
  return [
    "## What Problem This Solves",
    "",
    oneLine(report.change.problem),
    "",
    `This run holds the ${builds} to the claims of ${oneLine(report.change.fix)}, one scenario a claim, each observed on the wire between real processes; the table under Evidence gives each claim and its verdict on each ${builds === "builds" ? "build" : "run"}.`,
  ];
}

/** The command, the run, each build's provenance and the host. */
export function commandAndBuilds(report: Report, reportPath: string): string[] {
  const multi = report.targets.length > 1;
  const h = report.host;
  return [
    `Command, run after this patch: ${code(report.command)} (run ${code(report.runId)}, started ${oneLine(report.startedAt)}, ${formatMs(report.timings.totalMs)} in all; every frame and verdict is in ${code(reportPath)}). Builds:`,
    ...report.targets.map((t) => targetLine(t, multi)),
    `- host: ${oneLine(`${h.os} ${h.release} ${h.arch}`)}, ${h.cpus} CPUs, ${gib(h.memoryBytes)} RAM, harness ${oneLine(`${report.harness.name} ${report.harness.version}`)} on Node ${oneLine(h.harnessNode)}`,
  ];
}

/** The whole terminal output, fenced. */
export function terminalBlock(report: Report, reportPath: string): string[] {
  return fenced("text", [...renderTerminal(report, { color: false }).split("\n"), `report: ${oneLine(reportPath)}`]);
}

/** The end of the terminal output, fenced: the verdict line and what failed outside the scenarios. */
export function terminalEnd(report: Report, reportPath: string): string[] {
  const lines = renderTerminal(report, { color: false }).split("\n");
  const kept = lines.filter((l, i) => i === lines.length - 1 || /^(preflight FAIL|hygiene FAIL|aborted:)/.test(l));
  return fenced("text", [...kept, `report: ${oneLine(reportPath)}`]);
}

const ROW_HEAD = ["| scenario | expectation | base | head | class | declared | holds |", "|---|---|---|---|---|---|---|"];

function row(r: ComparisonRow): string {
  return `| ${code(r.scenario)} | ${cell(r.expectation)} | ${r.base} | ${r.head} | ${r.class} | ${r.declared ?? "-"} | ${r.holds ? "yes" : "**no**"} |`;
}

/** The rows the change is declared to fix, and every row that does not hold. */
export function failToPassTable(rows: readonly ComparisonRow[], where: string): string[] {
  const shown = rows.filter((r) => r.declared === "FAIL_TO_PASS" || r.class === "FAIL_TO_PASS" || !r.holds);
  if (shown.length === 0) return ["", "FAIL_TO_PASS: no expectation of this run is declared to change from base to head."];
  return ["", `FAIL_TO_PASS: what the change fixes, base → head (${shown.filter((r) => r.holds).length} of ${shown.length} rows as declared; all ${rows.length} rows are in ${where}):`, "", ...ROW_HEAD, ...shown.map(row)];
}

/** Every row of the comparison. */
export function comparisonTable(rows: readonly ComparisonRow[]): string[] {
  return ["", `Base against head, every expectation (${rows.filter((r) => r.holds).length} of ${rows.length} rows as declared):`, "", ...ROW_HEAD, ...rows.map(row)];
}

/** Every failed or unfinished scenario and every comparison row that fails or is incomplete, with its rerun command. */
export function failures(report: Report): string[] {
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

/** The distinct rerun commands of the failures, one line each (the short form of failures()). */
export function rerunCommands(report: Report): string[] {
  const cmds = new Set<string>();
  for (const t of report.targets) for (const s of t.scenarios.filter((x) => needsRerun(x.status))) cmds.add(rerunCommand(t.target, s.id));
  const head = headOf(report);
  if (head) for (const r of (report.comparison ?? []).filter(comparisonNeedsRerun)) cmds.add(rerunCommand(head.target, r.scenario));
  return cmds.size ? ["", "Rerun commands, one a failed or unfinished scenario and build:", ...fenced("sh", [...cmds])] : [];
}

/** Each lifecycle scenario's steps, in order, with what decided each one. */
export function lifecycleSteps(report: Report): string[] {
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

/** What decided each scenario's verdict, one line a scenario and build. */
export function decidingLines(report: Report): string[] {
  const multi = report.targets.length > 1;
  const lines: string[] = [];
  for (const t of report.targets) {
    for (const s of t.scenarios) {
      const text = s.status === "passed" || s.status === "failed" ? oneLine(s.deciding) : oneLine(s.skipReason ?? "no reason recorded");
      lines.push(`- ${multi ? `${t.role} ` : ""}${code(s.id)} ${verdictLabel(s.status)}: ${text}`);
    }
  }
  return lines;
}

/** The OpenClaw defects this run showed, each once, with the releases that showed it and how to reproduce it. */
export function knownFindings(report: Report): string[] {
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
