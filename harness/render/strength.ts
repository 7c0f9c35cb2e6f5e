/**
 * A strength run in every output: terminal lines (one per mutant, then `strength N/M`), the proof Markdown's sentence
 * and table, and CTRF tests (one per mutant, suite ["strength"]). Rendered from the report alone. Pure.
 */
import type { MutantRecord, MutantStatus, Report, StrengthReport, TargetInfo } from "../evidence/types.ts";
import { headOf, strengthRerunCommand } from "./rerun.ts";
import type { CtrfStatus, CtrfTestOf } from "./ctrf-format.ts";
import { cell, formatMs, oneLine } from "./text.ts";
import { belowBreak } from "../judge/run-status.ts";

type Paint = (code: string, s: string) => string;

const LABEL: Record<MutantStatus, { label: string; code: string }> = {
  killed: { label: "KILLED", code: "32" },
  timeout: { label: "TIMEOUT", code: "32" },
  survived: { label: "SURVIVED", code: "1;31" },
  "not-applicable": { label: "N/A", code: "33" },
};

/** "9/11 (81.8 %)": detected of applicable, as Stryker scores it. */
export function strengthSummary(s: StrengthReport): string {
  const { killed, timeout, survived, notApplicable, percent } = s.score;
  const detected = killed + timeout;
  const na = notApplicable ? `, ${notApplicable} not applicable` : "";
  const to = timeout ? ` (${timeout} by timeout)` : "";
  const brk = s.break === null ? "" : belowBreak(s.score, s.break) ? `, below the break of ${s.break} %` : `, break ${s.break} % met`;
  return `strength ${detected}/${detected + survived}${percent === null ? "" : ` (${percent} %)`}${to}${na}${brk}`;
}

/** What a mutant's line says after its status: what killed it, why it survived, or why it does not apply. */
export function mutantDetail(m: MutantRecord): string {
  return oneLine(m.reason.replace(/^(killed by|survived:)\s*/, m.status === "killed" ? "by " : ""));
}

/** For a mutant the proof did not catch: the command that runs its catchers against the same build, or null. */
export function mutantRerun(target: TargetInfo | null, m: MutantRecord): string | null {
  if (!target || (m.status !== "survived" && m.status !== "timeout") || !m.scenarios.length) return null;
  return strengthRerunCommand(target, m.scenarios.map((x) => x.id));
}

/** One line per mutant (and a rerun line under one not caught), the findings, then `strength N/M`. */
export function strengthLines(s: StrengthReport, paint: Paint, target: TargetInfo | null = null): string[] {
  const width = Math.max(...s.mutants.map((m) => m.id.length), 6);
  const lines = s.mutants.flatMap((m) => {
    const l = LABEL[m.status];
    const rerun = mutantRerun(target, m);
    return [`${paint(l.code, l.label.padEnd(8))}  ${m.id.padEnd(width)}  ${m.loadedBy.padEnd(7)}  ${mutantDetail(m)}`, ...(rerun ? [`${" ".repeat(8)}  rerun: ${rerun}`] : [])];
  });
  for (const u of s.unfailed) lines.push(`finding: ${u.scenario} ${u.expectation} never failed under ${u.mutants.join(", ")}, which should break it`);
  lines.push(`${paint(belowBreak(s.score, s.break) || s.score.survived ? "1;31" : "1;32", strengthSummary(s))} against openclaw ${oneLine(s.target.version)}, ${s.gateways.length} gateway(s), ${formatMs(s.wallMs)}`);
  return lines;
}

/** Under Evidence: one sentence and a table. */
export function strengthMarkdown(s: StrengthReport): string[] {
  const { killed, timeout, survived, notApplicable } = s.score;
  const detected = killed + timeout;
  const na = notApplicable ? ` (${notApplicable} more did not apply to this build)` : "";
  return [
    "",
    `Proof strength: this proof catches ${detected} of ${detected + survived} fix-reverting variants of openclaw ${cell(s.target.version)}${na}; each variant is one change to the build's dist/ from \`scenarios/mutants/\`, run against the scenarios named to catch it (${formatMs(s.wallMs)}, ${s.gateways.length} gateway(s)).`,
    "",
    "| variant | reverts | result | caught by (expectations that failed) |",
    "|---|---|---|---|",
    ...s.mutants.map((m) => `| \`${m.id}\` | ${cell(m.reverts)} | ${LABEL[m.status].label} | ${cell(mutantDetail(m))} |`),
    ...(s.unfailed.length ? ["", ...s.unfailed.map((u) => `- Finding about this proof: \`${u.scenario}\` expectation \`${u.expectation}\` never failed under ${u.mutants.map((x) => `\`${x}\``).join(", ")}, which should break it.`)] : []),
  ];
}

/** A type alias, not an interface: CTRF's extra is a Record<string, unknown>. */
export type MutantExtra = {
  kind: "mutant";
  mutant: string;
  reverts: string;
  loadedBy: MutantRecord["loadedBy"];
  applied: MutantRecord["applied"];
  counts: MutantRecord["counts"];
  scenarios: MutantRecord["scenarios"];
  /** For a mutant not caught: the command that runs its catchers, with --strength, against the same build. */
  rerun: string | null;
};

const CTRF: Record<MutantStatus, CtrfStatus> = { killed: "passed", timeout: "passed", survived: "failed", "not-applicable": "skipped" };

/** One CTRF test per mutant: passed when the proof caught it, failed when it survived, skipped when it does not apply. */
export function strengthCtrfTests(report: Report): Array<CtrfTestOf<MutantExtra>> {
  const s = report.strength;
  if (!s) return [];
  const target = headOf(report)?.target ?? null;
  return s.mutants.map((m) => {
    const rerun = mutantRerun(target, m);
    return {
      name: `strength/${m.id}`,
      status: CTRF[m.status],
      duration: 0,
      rawStatus: m.status,
      suite: ["strength", `openclaw ${s.target.version}`],
      message: oneLine(`${m.reason}${rerun ? `; rerun: ${rerun}` : ""}`),
      extra: { kind: "mutant", mutant: m.id, reverts: m.reverts, loadedBy: m.loadedBy, applied: m.applied, counts: m.counts, scenarios: m.scenarios, rerun },
    };
  });
}
