/** The matrix document from per-version outcomes: rows, the verdict changes, regressions, the exit code. Pure. */
import semver from "semver";
import type { DiskRecord, MatrixDocument, MatrixSummary, MatrixVersion, ScenarioChange, VersionClass, VersionList } from "../evidence/matrix-types.ts";
import { MATRIX_SCHEMA_VERSION } from "../evidence/matrix-types.ts";
import type { HostInfo } from "../evidence/types.ts";
import type { DeclaredChanges } from "../plan/changes-types.ts";
import { classifyVersion, regressionLine, type VersionOutcome } from "./classify.ts";
import { isPrerelease } from "./versions.ts";

/** A cell or version whose verdict says something about the fix; not-applicable and broken say nothing either way. */
export function comparable(c: VersionClass): boolean {
  return c === "fixed" || c === "shows-bug" || c === "other-failure";
}

/** Per scenario, each pair of consecutive comparable versions whose cell class differs. Pure. */
export function verdictChanges(rows: readonly MatrixVersion[], scenarios: readonly string[]): ScenarioChange[] {
  return scenarios.map((scenario) => {
    const transitions: ScenarioChange["transitions"] = [];
    let last: { version: string; cls: VersionClass } | null = null;
    for (const row of rows) {
      const cls = row.cells.find((c) => c.scenario === scenario)?.class;
      if (cls === undefined || !comparable(cls)) continue;
      if (last && last.cls !== cls) transitions.push({ from: last.version, to: row.version, before: last.cls, after: cls });
      last = { version: row.version, cls };
    }
    return { scenario, transitions };
  });
}

/**
 * Exit 0 when every version from the first fixed release on is fixed (not-applicable and broken builds are named but
 * are no regression of the fix); 1 when a later release shows the bug again or fails otherwise, or when no release is
 * fixed and one failed in a way no declared symptom explains. Pure.
 */
export function summarize(rows: readonly MatrixVersion[], scenarios: readonly string[]): MatrixSummary {
  const first = rows.find((r) => r.classification === "fixed" && !isPrerelease(r.version)) ?? rows.find((r) => r.classification === "fixed") ?? null;
  const later = first ? rows.filter((r) => semver.gt(r.version, first.version)) : [];
  const regressions = later.filter((r) => r.classification === "shows-bug" || r.classification === "other-failure").map(regressionLine);
  const unexplained = first ? [] : rows.filter((r) => r.classification === "other-failure").map(regressionLine);
  const exitCode = regressions.length || unexplained.length ? 1 : 0;
  const count = (k: VersionClass): number => rows.filter((r) => r.classification === k).length;
  const tally = (["fixed", "shows-bug", "other-failure", "not-applicable", "broken"] as const).map((k) => `${count(k)} ${k}`).join(", ");
  const verdict = regressions.length
    ? `REGRESSION after ${first?.version ?? "?"}: ${regressions.join("; ")}`
    : first
      ? `HELD: every release from ${first.version} (the first fixed one) on is fixed or has its reason (${tally})`
      : unexplained.length
        ? `NO FIXED RELEASE, and failures no declared symptom explains: ${unexplained.join("; ")}`
        : `no fixed release in this range (${tally})`;
  return { firstFixed: first?.version ?? null, regressions: [...regressions, ...unexplained], changes: verdictChanges(rows, scenarios), exitCode, verdict };
}

export interface DocumentMeta {
  runId: string;
  command: string;
  source: MatrixDocument["source"];
  harness: MatrixDocument["harness"];
  host: HostInfo;
  startedAt: string;
  finishedAt: string;
  versionList: VersionList;
  disk: DiskRecord | null;
}

/** The matrix document: rows in semver order, the summary, and the newest release's report for its proof block. Pure. */
export function buildMatrix(outcomes: readonly VersionOutcome[], scenarios: readonly string[], changes: DeclaredChanges, meta: DocumentMeta): MatrixDocument {
  const sorted = [...outcomes].sort((a, b) => semver.compare(a.version, b.version));
  const rows = sorted.map((o) => classifyVersion(o, scenarios, changes));
  const newest = [...sorted].reverse().find((o): o is Extract<VersionOutcome, { report: unknown }> => "report" in o && !isPrerelease(o.version)) ?? null;
  return {
    schemaVersion: MATRIX_SCHEMA_VERSION,
    runId: meta.runId,
    command: meta.command,
    source: meta.source,
    harness: meta.harness,
    host: meta.host,
    startedAt: meta.startedAt,
    finishedAt: meta.finishedAt,
    timings: { totalMs: Math.max(0, Date.parse(meta.finishedAt) - Date.parse(meta.startedAt)) },
    versionList: meta.versionList,
    scenarios: [...scenarios],
    versions: rows,
    summary: summarize(rows, scenarios),
    disk: meta.disk,
    newest: newest?.report ?? null,
  };
}

/** The columns of a merge: every scenario any report ran, in the order the reports ran them. Pure. */
export function scenariosOf(outcomes: readonly VersionOutcome[]): string[] {
  const ids: string[] = [];
  for (const o of outcomes) if ("report" in o) for (const s of o.report.targets[0]?.scenarios ?? []) if (!ids.includes(s.id)) ids.push(s.id);
  return ids;
}
