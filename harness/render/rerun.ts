/**
 * What a renderer prints beside a target and a failure: the exact head a checkout was (`openclaw@<commit>`, and
 * whether it had uncommitted changes), and the one command that reruns one scenario against one target, as OpenClaw's
 * own Docker E2E lanes print a rerun command per failed lane. Pure.
 */
import type { ComparisonRow, Report, ScenarioStatus, TargetInfo, TargetRun } from "../evidence/types.ts";

/** `openclaw@<40 hex>` for a checkout, with `uncommitted changes` when it had them; null for other targets. */
export function exactHead(t: TargetInfo): string | null {
  if (!t.gitCommit) return null;
  return `openclaw@${t.gitCommit}${t.gitDirty ? " (uncommitted changes)" : ""}`;
}

/** A shell word: quoted unless it is plain. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

/** The --openclaw argument that names this target again (none for the harness's own dependency). */
function targetArgs(t: TargetInfo): string[] {
  if (t.kind === "installed" && t.spec.endsWith("(harness dependency)")) return [];
  if (t.kind === "registry") return ["--openclaw", t.version];
  return ["--openclaw", shellWord(t.path)];
}

/** The command that reruns just this scenario against just this target. */
export function rerunCommand(t: TargetInfo, scenarioId: string): string {
  return ["corepack", "pnpm", "smoke", ...targetArgs(t), "--scenario", shellWord(scenarioId)].join(" ");
}

/** The command that runs a mutant's catchers, and the strength run over them, against this target. */
export function strengthRerunCommand(t: TargetInfo, scenarioIds: readonly string[]): string {
  return ["corepack", "pnpm", "smoke", ...targetArgs(t), "--strength", ...scenarioIds.flatMap((id) => ["--scenario", shellWord(id)])].join(" ");
}

/** Scenario outcomes that get a rerun line: a failure, or a scenario the run did not get to. */
export function needsRerun(status: ScenarioStatus): boolean {
  return status === "failed" || status === "not-run";
}

/** Comparison classes that get a rerun line (against the head, where the fix must hold). */
export function comparisonNeedsRerun(row: ComparisonRow): boolean {
  return row.class === "FAIL_TO_FAIL" || row.class === "INCOMPLETE" || row.class === "PASS_TO_FAIL" || !row.holds;
}

/** The head of a proof (or the one target of a smoke), where a comparison row is rerun. */
export function headOf(report: Report): TargetRun | null {
  return report.targets.find((t) => t.role === "head") ?? report.targets[0] ?? null;
}
