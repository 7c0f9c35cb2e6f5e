/** The CTRF document's shape (spec 0.0.0) and its envelope, shared by the run's and the matrix's CTRF. Pure. */
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

function epochMs(iso: string): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : 0;
}
