/** The matrix document from per-version outcomes: rows, the verdict changes, regressions, the exit code. Pure. */
import semver from "semver";
import type { DiskRecord, MatrixDocument, MatrixSummary, MatrixVersion, ScenarioChange, UpgradePath, VersionClass, VersionList } from "../evidence/matrix-types.ts";
import { upgradePath } from "./upgrade-path.ts";
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

/**
 * An upgrade matrix's summary: every path from a release to the target, by outcome. Exit 1 when a path breaks (the
 * handoff after the bump failed), or a row failed otherwise; releases that could not be set up are named, not
 * counted. Pure.
 */
export function summarizeUpgrades(rows: readonly MatrixVersion[], scenarios: readonly string[], to: string): MatrixSummary {
  const base = summarize(rows, scenarios);
  const by = (k: UpgradePath["outcome"]): string[] => rows.filter((r) => r.upgrade?.outcome === k).map((r) => r.version);
  const steps = [...new Set(rows.map((r) => r.upgrade?.manualStep).filter((x): x is string => typeof x === "string"))];
  const lost = rows.filter((r) => r.upgrade?.socketTokenSurvived === false).map((r) => r.version);
  const breaks = [...by("breaks"), ...rows.filter((r) => r.classification === "other-failure" && r.upgrade?.outcome !== "breaks").map((r) => r.version)];
  const unknown = rows.filter((r) => !r.upgrade || r.upgrade.outcome === "unknown").map((r) => r.version);
  const parts = [
    by("works").length ? `works from ${by("works").join(", ")}` : "",
    by("needs-manual-step").length ? `needs ${steps.map((x) => `\`${x}\``).join(" or ")} from ${by("needs-manual-step").join(", ")}` : "",
    breaks.length ? `breaks from ${breaks.join(", ")}` : "",
    unknown.length ? `no path observed from ${unknown.join(", ")}` : "",
    lost.length ? `socket token lost from ${lost.join(", ")}` : "",
  ].filter(Boolean);
  const exitCode = breaks.length ? 1 : 0;
  return { ...base, regressions: breaks.map((v) => `${v} → ${to}: ${rows.find((r) => r.version === v)?.upgrade?.text ?? rows.find((r) => r.version === v)?.reason ?? "?"}`), exitCode, verdict: `${exitCode ? "UPGRADE BREAKS" : "UPGRADE HELD"} to ${to}: ${parts.join("; ") || "no release"}` };
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
  /** An upgrade matrix: the version every release was upgraded to. */
  upgradeTo?: string;
}

/** The matrix document: rows in semver order, the summary, and the newest release's report for its proof block. Pure. */
export function buildMatrix(outcomes: readonly VersionOutcome[], scenarios: readonly string[], changes: DeclaredChanges, meta: DocumentMeta): MatrixDocument {
  const sorted = [...outcomes].sort((a, b) => semver.compare(a.version, b.version));
  const rows = sorted.map((o) => classifyVersion(o, scenarios, changes)).map((r, i) => (meta.upgradeTo === undefined ? r : { ...r, upgrade: upgradeOf(sorted[i] as VersionOutcome) }));
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
    summary: meta.upgradeTo === undefined ? summarize(rows, scenarios) : summarizeUpgrades(rows, scenarios, meta.upgradeTo),
    disk: meta.disk,
    newest: newest?.report ?? null,
    ...(meta.upgradeTo === undefined ? {} : { upgradeTo: meta.upgradeTo }),
  };
}

function upgradeOf(o: VersionOutcome): UpgradePath | null {
  return "report" in o ? upgradePath(o.report) : null;
}

/** The columns of a merge: every scenario any report ran, in the order the reports ran them. Pure. */
export function scenariosOf(outcomes: readonly VersionOutcome[]): string[] {
  const ids: string[] = [];
  for (const o of outcomes) if ("report" in o) for (const s of o.report.targets[0]?.scenarios ?? []) if (!ids.includes(s.id)) ids.push(s.id);
  return ids;
}
