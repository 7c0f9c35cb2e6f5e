/** One version's smoke → its matrix row: a class per cell and for the version, from the report and changes.ts. Pure. */
import type { MatrixCell, MatrixVersion, VersionClass } from "../evidence/matrix-types.ts";
import type { Report, ScenarioResult } from "../evidence/types.ts";
import { declaredFor } from "../judge/compare.ts";
import type { DeclaredChanges } from "../plan/changes-types.ts";
import { oneLine } from "../render/terminal.ts";

/** What one version gave: a report (the smoke ran), or why there is none (install failed, engines refused). */
export type VersionOutcome =
  | { version: string; report: Report; reportPath: string | null; logTail: string | null }
  | { version: string; failure: { class: "broken" | "not-applicable"; reason: string; logTail: string | null }; provisionMs: number | null };

/** A failed expectation is a declared base symptom when changes.ts declares it FAIL_TO_PASS (the fix's own effect). */
function isSymptom(changes: DeclaredChanges, scenario: string, expectation: string): boolean {
  return declaredFor(changes, scenario, expectation) === "FAIL_TO_PASS";
}

export function classifyCell(s: ScenarioResult | undefined, id: string, changes: DeclaredChanges): MatrixCell {
  if (!s) return { scenario: id, status: "absent", class: "broken", text: "no result in the report", failed: [], dialect: null, findings: [] };
  const dialect = s.observations.requester?.dialect ?? null;
  const failed = s.expectations.filter((e) => !e.pass).map((e) => e.id);
  const base = { scenario: id, status: s.status, failed, dialect, findings: s.findings.map(oneLine) };
  switch (s.status) {
    case "passed":
      return { ...base, class: "fixed", text: oneLine(s.deciding) };
    case "failed": {
      // A runtime process the harness had to kill gave no verdict: the run could not observe the build, so no class
      // of the build's own (a busy machine's timeout is not a regression).
      const rt = s.observations.runtime;
      if (rt?.timedOut) return { ...base, class: "broken", text: oneLine(`runtime process timed out after ${rt.wallMs} ms and was killed (${s.deciding})`) };
      // Expectations declared to fail on every build count as the declared finding only when the run showed it.
      const rest = s.knownFinding ? failed.filter((e) => declaredFor(changes, id, e) !== "FAIL_TO_FAIL") : failed;
      const clean = s.findings.every((f) => !f.includes("could not complete"));
      if (rest.length === 0 && s.knownFinding && clean) return { ...base, class: "fixed", text: oneLine(`${s.deciding} (the declared OpenClaw finding; everything else holds)`) };
      const symptoms = rest.length > 0 && rest.every((e) => isSymptom(changes, id, e)) && clean;
      return { ...base, class: symptoms ? "shows-bug" : "other-failure", text: oneLine(s.deciding) };
    }
    case "skipped":
    case "not-applicable":
      return { ...base, class: "not-applicable", text: oneLine(s.skipReason ?? s.deciding) };
    case "not-run":
      return { ...base, class: "broken", text: oneLine(s.skipReason ?? s.deciding) };
  }
}

/** Which clause of a deciding line ("token …, device …, resolve …, requester …") speaks of an expectation. */
const CLAUSE: Record<string, RegExp> = { "url-source": /\bconnection\b/, "runtime-token": /\btoken\b/, "device-identity": /\bdevice\b/, resolve: /resolve|refused|connect/, "requester-decision": /requester/ };

/** The part of the deciding line that failed, e.g. "token ≠ derived" or "device present". Pure. */
export function failingClause(c: MatrixCell): string {
  const clauses = c.text.split(/[,;] /);
  for (const id of c.failed) {
    const re = CLAUSE[id];
    const hit = re ? clauses.find((x) => re.test(x)) : undefined;
    if (hit) return hit;
  }
  return c.failed.length ? `${c.failed.join(", ")} failed` : (clauses[0] ?? c.text);
}

/** The version's class from its cells: broken > other-failure > shows-bug > fixed; all not applicable → not-applicable. */
export function classifyVersion(o: VersionOutcome, scenarios: readonly string[], changes: DeclaredChanges): MatrixVersion {
  if ("failure" in o) {
    const cls = o.failure.class;
    const cells = scenarios.map((id): MatrixCell => ({ scenario: id, status: "absent", class: cls, text: o.failure.reason, failed: [], dialect: null, findings: [] }));
    return { version: o.version, classification: cls, reason: oneLine(o.failure.reason), failing: [], dialects: [], cells, report: null, runId: null, logTail: o.failure.logTail, timings: { provisionMs: o.provisionMs, gatewayReadyMs: null, totalMs: null } };
  }
  const run = o.report.targets[0];
  const byId = new Map((run?.scenarios ?? []).map((s) => [s.id, s]));
  const cells = scenarios.map((id) => classifyCell(byId.get(id), id, changes));
  const dirty = o.report.hygiene.filter((h) => !h.pass);
  const named = (c: MatrixCell): string[] => (c.failed.length ? c.failed.map((e) => `${c.scenario}/${e}`) : [`${c.scenario}/*`]);
  const of = (k: VersionClass): MatrixCell[] => cells.filter((c) => c.class === k);
  let classification: VersionClass;
  let reason: string;
  let failing: string[] = [];
  if (of("broken").length || o.report.abortReason) {
    classification = "broken";
    const c = of("broken")[0];
    reason = o.report.abortReason ? `aborted: ${oneLine(o.report.abortReason)}` : `${c?.scenario ?? "?"} did not run: ${c?.text ?? ""}`;
  } else if (of("other-failure").length) {
    classification = "other-failure";
    failing = of("other-failure").flatMap(named);
    const c = of("other-failure")[0] as MatrixCell;
    reason = `${c.scenario} FAIL (${failingClause(c)})`;
  } else if (of("shows-bug").length) {
    classification = "shows-bug";
    failing = of("shows-bug").flatMap(named);
    reason = `declared base symptoms: ${failing.join(", ")}`;
  } else if (of("fixed").length) {
    classification = "fixed";
    const na = of("not-applicable");
    reason = `every expectation holds${na.length ? `; not applicable: ${na.map((c) => `${c.scenario} (${c.text})`).join("; ")}` : ""}`;
  } else {
    classification = "not-applicable";
    reason = [...new Set(of("not-applicable").map((c) => c.text))].join("; ") || "no scenario ran";
  }
  // The run's own clean-up is the harness's business, not the build's verdict: named, but it changes no class.
  if (dirty.length) {
    failing = [...failing, ...dirty.map((h) => `hygiene/${h.id}`)];
    reason += `; hygiene FAIL: ${dirty.map((h) => `${h.id} (${h.offenders.slice(0, 2).join(", ") || h.detail})`).join("; ")}`;
  }
  return {
    version: o.version,
    classification,
    reason: oneLine(reason),
    failing,
    dialects: [...new Set(cells.map((c) => c.dialect).filter((d): d is string => d !== null))],
    cells,
    report: o.reportPath,
    runId: o.report.runId,
    logTail: classification === "broken" ? o.logTail : null,
    timings: { provisionMs: run?.timings.provisionMs ?? null, gatewayReadyMs: run?.timings.gatewayReadyMs ?? null, totalMs: o.report.timings.totalMs },
  };
}

/** A regression line as the issue spells it: "2026.x.y: fallback-local FAIL (token ≠ derived)". Pure. */
export function regressionLine(v: MatrixVersion): string {
  const c = v.cells.find((x) => x.class === "other-failure") ?? v.cells.find((x) => x.class === "shows-bug");
  return c ? `${v.version}: ${c.scenario} FAIL (${failingClause(c)})` : `${v.version}: ${v.reason}`;
}
