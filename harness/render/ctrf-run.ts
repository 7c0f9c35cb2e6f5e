/**
 * The run-level tests of the CTRF export (suite ["run"]): what decides a run besides its scenarios. Pure.
 *
 * Extension point: RUN_CHECKS is the list of run-level test builders. A later check (say a matrix
 * classification) is one more function from the report to its tests, appended there; nothing else changes.
 */
import type { Report } from "../evidence/types.ts";
import type { CtrfTestOf } from "./ctrf-format.ts";

export const RUN_SUITE = ["run"];

/** A type alias, not an interface: CTRF's extra is a Record<string, unknown>. */
export type RunCheckExtra = {
  kind: "run-check";
  check: string;
  offenders: string[];
};

export type RunCheckTest = CtrfTestOf<RunCheckExtra>;

export type RunCheck = (report: Report) => RunCheckTest[];

function runTest(name: string, pass: boolean | "not-judged", detail: string, offenders: string[] = []): RunCheckTest {
  const test: RunCheckTest = {
    name: `run/${name}`,
    status: pass === "not-judged" ? "other" : pass ? "passed" : "failed",
    duration: 0,
    rawStatus: pass === "not-judged" ? "not-judged" : pass ? "passed" : "failed",
    suite: RUN_SUITE,
    extra: { kind: "run-check", check: name, offenders },
  };
  if (pass !== true) test.message = offenders.length ? `${detail}: ${offenders.join("; ")}` : detail;
  return test;
}

/** One test per hygiene check the run made (processes, files, ports, network, secrets, …). */
export const hygieneTests: RunCheck = (r) => r.hygiene.map((h) => runTest(`hygiene/${h.id}`, h.pass, h.detail, h.offenders));

/** A proof's comparison: every row must hold, and an empty comparison proves nothing. Smoke runs have none. */
export const comparisonTest: RunCheck = (r) => {
  if (r.mode !== "proof") return [];
  const rows = r.comparison ?? [];
  const broken = rows.filter((row) => !row.holds).map((row) => `${row.scenario}/${row.expectation}: ${row.class}${row.declared ? ` (declared ${row.declared})` : ""}`);
  const detail = rows.length === 0 ? "no comparison rows" : `${broken.length} of ${rows.length} comparison row(s) do not hold`;
  return [runTest("comparison", notJudged(r) ?? (rows.length > 0 && broken.length === 0), notJudged(r) ? aborted(r) : detail, broken)];
};

/** A proof's preflight: the bug seen on the base and the fix on the head; an empty preflight proves nothing. */
export const preflightTest: RunCheck = (r) => {
  if (r.mode !== "proof") return [];
  const pre = r.preflight ?? [];
  const failed = pre.filter((p) => !p.ok).map((p) => `${p.end}: ${p.detail}`);
  const detail = pre.length === 0 ? "no preflight" : `${failed.length} of ${pre.length} preflight check(s) failed`;
  return [runTest("preflight", notJudged(r) ?? (pre.length > 0 && failed.length === 0), notJudged(r) ? aborted(r) : detail, failed)];
};

/**
 * The run's own verdict (report.status): a failed run is a failure; an aborted one (cut short by a signal or a dead
 * gateway) is neither a pass nor a test failure: "other", with what cut it short.
 */
export const verdictTest: RunCheck = (r) => [runTest("verdict", notJudged(r) ?? r.status === "passed", notJudged(r) ? aborted(r) : `run ${r.status}`)];

/** An aborted run judges nothing beyond its hygiene. */
function notJudged(r: Report): "not-judged" | null {
  return r.status === "aborted" ? "not-judged" : null;
}

function aborted(r: Report): string {
  return `not judged: the run was cut short (${r.abortReason ?? "no reason recorded"})`;
}

export const RUN_CHECKS: readonly RunCheck[] = [hygieneTests, comparisonTest, preflightTest, verdictTest];
