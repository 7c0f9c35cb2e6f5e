import type { Report, RunStatus } from "../evidence/types.ts";

/**
 * The run's status from its report. A run passes only on evidence: at least one scenario passed (a run whose
 * scenarios were all skipped proves nothing), every comparison row held, and the run left nothing behind. Pure.
 */
export function overallStatus(r: Report): RunStatus {
  if (r.abortReason) return "aborted";
  const scenarios = r.targets.flatMap((t) => t.scenarios);
  const hygieneOk = r.hygiene.every((h) => h.pass);
  if (r.comparison) {
    const ok =
      r.comparison.length > 0 && r.comparison.every((row) => row.holds) && (r.preflight ?? []).every((p) => p.ok) && scenarios.every((s) => s.status !== "not-run");
    return ok && hygieneOk ? "passed" : "failed";
  }
  const ok = scenarios.some((s) => s.status === "passed") && scenarios.every((s) => s.status === "passed" || s.status === "skipped");
  return ok && hygieneOk ? "passed" : "failed";
}
