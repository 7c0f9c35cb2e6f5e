/**
 * CTRF (Common Test Report Format, spec 0.0.0) export: one test per scenario × target, so CI dashboards
 * can show the run, plus the run-level checks (hygiene, comparison, preflight, verdict) as tests of their own in
 * suite ["run"], so that a consumer reading only the summary sees every reason the run failed. Rendered from the
 * report alone. Pure.
 */
import type { Report, ScenarioStatus, TargetRun } from "../evidence/types.ts";
import { RUN_CHECKS, type RunCheckExtra } from "./ctrf-run.ts";

export const CTRF_SPEC_VERSION = "0.0.0";

export type CtrfStatus = "passed" | "failed" | "skipped" | "pending" | "other";

export interface CtrfTestOf<Extra> {
  name: string;
  status: CtrfStatus;
  duration: number;
  rawStatus: string;
  suite: string[];
  message?: string;
  extra: Extra;
}

export type CtrfTest = CtrfTestOf<ScenarioExtra | RunCheckExtra>;

/** A type alias, not an interface: CTRF's extra is a Record<string, unknown>. */
export type ScenarioExtra = {
  kind: "scenario";
  deciding: string;
  claim: string;
  expectations: Array<{ id: string; expected: string; observed: string; pass: boolean }>;
  findings: string[];
  target: { role: TargetRun["role"]; version: string; spec: string; kind: string };
};

export type CtrfSummary = { tests: number; passed: number; failed: number; skipped: number; pending: number; other: number; start: number; stop: number; duration: number };

/** A CTRF document around its tests and run-level extra (a run's report, or a release matrix). */
export interface CtrfEnvelope<Test, Extra> {
  reportFormat: "CTRF";
  specVersion: string;
  runId: string;
  timestamp: string;
  generatedBy: string;
  results: {
    tool: { name: string; version: string };
    summary: CtrfSummary;
    tests: Test[];
  };
  extra: Extra;
}

export type CtrfReport = CtrfEnvelope<CtrfTest, { mode: Report["mode"]; status: Report["status"]; command: string; abortReason: string | null }>;

/** The envelope of a CTRF document: the summary counted from the tests, start and stop from ISO times. Pure. */
export function ctrfEnvelope<Test extends { status: CtrfStatus }, Extra>(
  head: { runId: string; startedAt: string; finishedAt: string; harness: { name: string; version: string } },
  tests: Test[],
  extra: Extra,
): CtrfEnvelope<Test, Extra> {
  const count = (st: CtrfStatus): number => tests.filter((x) => x.status === st).length;
  const start = epochMs(head.startedAt);
  const stop = Math.max(start, epochMs(head.finishedAt));
  return {
    reportFormat: "CTRF",
    specVersion: CTRF_SPEC_VERSION,
    runId: head.runId,
    timestamp: head.finishedAt,
    generatedBy: `${head.harness.name} ${head.harness.version}`,
    results: {
      tool: { name: head.harness.name, version: head.harness.version },
      summary: { tests: tests.length, passed: count("passed"), failed: count("failed"), skipped: count("skipped"), pending: count("pending"), other: count("other"), start, stop, duration: stop - start },
      tests,
    },
    extra,
  };
}

const STATUS: Record<ScenarioStatus, CtrfStatus> = { passed: "passed", failed: "failed", skipped: "skipped", "not-run": "other", "not-applicable": "skipped" };

function epochMs(iso: string): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : 0;
}

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
          target: { role: t.role, version: t.target.version, spec: t.target.spec, kind: t.target.kind },
        },
      };
      if (s.status === "failed") test.message = s.deciding;
      else if (s.status !== "passed" && s.skipReason) test.message = s.skipReason;
      return test;
    }),
  );
  const tests = [...scenarioTests, ...RUN_CHECKS.flatMap((check) => check(report))];
  return ctrfEnvelope(report, tests, { mode: report.mode, status: report.status, command: report.command, abortReason: report.abortReason });
}
