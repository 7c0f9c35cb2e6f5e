import type { Report, RunStatus } from "../evidence/types.ts";

/**
 * The run's status from its report. A run passes only on evidence: at least one scenario passed (a run whose
 * scenarios were all skipped proves nothing), every comparison row held, the preflight confirmed the bug on the base
 * and the fix on the head (a proof without a preflight proves nothing), and the run left nothing behind. Pure.
 */
export function overallStatus(r: Report): RunStatus {
  if (r.abortReason) return "aborted";
  const scenarios = r.targets.flatMap((t) => t.scenarios);
  const hygieneOk = r.hygiene.every((h) => h.pass);
  if (r.mode === "proof") {
    const pre = r.preflight ?? [];
    const cmp = r.comparison ?? [];
    const ok = cmp.length > 0 && cmp.every((row) => row.holds) && pre.length > 0 && pre.every((p) => p.ok) && scenarios.every((s) => s.status !== "not-run");
    return ok && hygieneOk ? "passed" : "failed";
  }
  const ok = scenarios.some((s) => s.status === "passed") && scenarios.every((s) => s.status === "passed" || s.status === "skipped" || s.status === "not-applicable");
  return ok && hygieneOk ? "passed" : "failed";
}
