import type { VersionOutcome } from "./classify.ts";

/**
 * The versions a distributed run expected (its list job's `--versions`) that no report came back for: each becomes a
 * `broken` row with the reason, so a runner whose install or smoke failed before writing a report is a row of the
 * matrix, never a silent gap. Pure.
 */
export function missingVersionOutcomes(expected: readonly string[] | null, outcomes: readonly VersionOutcome[]): VersionOutcome[] {
  if (!expected) return [];
  const have = new Set(outcomes.map((o) => o.version));
  return expected
    .filter((v) => !have.has(v))
    .map((version) => ({
      version,
      failure: { class: "broken" as const, reason: `no report.json came back for openclaw ${version}: its smoke failed before writing one (an install or set-up error; read that runner's log and its smoke-${version} artifact)`, logTail: null },
      provisionMs: null,
    }));
}
