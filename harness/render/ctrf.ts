/**
 * CTRF (Common Test Report Format, spec 0.0.0) export: one test per scenario × target, so CI dashboards
 * can show the run, plus the run-level checks (hygiene, comparison, preflight, verdict) as tests of their own in
 * suite ["run"], so that a consumer reading only the summary sees every reason the run failed. Rendered from the
 * report alone. Pure.
 */
import type { Report, ScenarioStatus, TargetRun } from "../evidence/types.ts";
import { ctrfEnvelope, type CtrfEnvelope, type CtrfStatus, type CtrfTestOf } from "./ctrf-format.ts";
import { RUN_CHECKS, type RunCheckExtra } from "./ctrf-run.ts";
import { exactHead, needsRerun, rerunCommand } from "./rerun.ts";
import { strengthCtrfTests, type MutantExtra } from "./strength.ts";

export type CtrfTest = CtrfTestOf<ScenarioExtra | RunCheckExtra | MutantExtra>;

/** A type alias, not an interface: CTRF's extra is a Record<string, unknown>. */
export type ScenarioExtra = {
  kind: "scenario";
  deciding: string;
  claim: string;
  expectations: Array<{ id: string; expected: string; observed: string; pass: boolean }>;
  findings: string[];
  target: { role: TargetRun["role"]; version: string; spec: string; kind: string; exactHead: string | null };
  /** The command that reruns just this scenario against just this target, for a failed or unfinished one. */
  rerun: string | null;
};

export type CtrfReport = CtrfEnvelope<CtrfTest, { mode: Report["mode"]; status: Report["status"]; command: string; abortReason: string | null }>;

const STATUS: Record<ScenarioStatus, CtrfStatus> = { passed: "passed", failed: "failed", skipped: "skipped", "not-run": "other", "not-applicable": "skipped" };

export function renderCtrf(report: Report): CtrfReport {
  const multi = report.targets.length > 1;
  const scenarioTests: CtrfTest[] = report.targets.flatMap((t) =>
    t.scenarios.map((s): CtrfTest => {
      const test: CtrfTest = {
        name: multi ? `${t.role}/${s.id}` : s.id,
        status: STATUS[s.status],
        duration: Math.max(0, Math.round(s.durationMs ?? 0)),
        rawStatus: s.status,
        suite: [`openclaw ${t.target.version}`],
        extra: {
          kind: "scenario",
          deciding: s.deciding,
          claim: s.claim,
          expectations: s.expectations.map((e) => ({ id: e.id, expected: e.expected, observed: e.observed, pass: e.pass })),
          findings: s.findings,
          target: { role: t.role, version: t.target.version, spec: t.target.spec, kind: t.target.kind, exactHead: exactHead(t.target) },
          rerun: needsRerun(s.status) ? rerunCommand(t.target, s.id) : null,
        },
      };
      const rerun = test.extra.kind === "scenario" && test.extra.rerun ? `; rerun: ${test.extra.rerun}` : "";
      if (s.status === "failed") test.message = `${s.deciding}${rerun}`;
      else if (s.status !== "passed" && s.skipReason) test.message = `${s.skipReason}${rerun}`;
      return test;
    }),
  );
  const tests = [...scenarioTests, ...strengthCtrfTests(report), ...RUN_CHECKS.flatMap((check) => check(report))];
  return ctrfEnvelope(report, tests, { mode: report.mode, status: report.status, command: report.command, abortReason: report.abortReason });
}
