import type { Report, RunStatus, StrengthScore } from "../evidence/types.ts";

/** Whether a strength score is below `--strength-break` (no score at all, with a break asked for, is below it). Pure. */
export function belowBreak(score: StrengthScore, breakAt: number | null): boolean {
  if (breakAt === null) return false;
  return score.percent === null || score.percent < breakAt;
}

/**
 * The run's status from its report. A run passes only on evidence: at least one scenario passed (a run whose
 * scenarios were all skipped proves nothing), every comparison row held, the preflight confirmed the bug on the base
 * and the fix on the head (a proof without a preflight proves nothing), and the run left nothing behind. Pure.
 */
export function overallStatus(r: Report): RunStatus {
  if (r.abortReason) return "aborted";
  const scenarios = r.targets.flatMap((t) => t.scenarios);
  // `--strength-break N`: a proof weaker than N % fails, whatever its scenarios did.
  const hygieneOk = r.hygiene.every((h) => h.pass) && !(r.strength && belowBreak(r.strength.score, r.strength.break));
  if (r.mode === "proof") {
    const pre = r.preflight ?? [];
    const cmp = r.comparison ?? [];
    const ok = cmp.length > 0 && cmp.every((row) => row.holds) && pre.length > 0 && pre.every((p) => p.ok) && scenarios.every((s) => s.status !== "not-run");
    return ok && hygieneOk ? "passed" : "failed";
  }
  const ok = scenarios.some((s) => s.status === "passed") && scenarios.every((s) => s.status === "passed" || s.status === "skipped" || s.status === "not-applicable");
  return ok && hygieneOk ? "passed" : "failed";
}
