/** CTRF for a matrix: one test per version × scenario, suite [openclaw <version>]. Rendered from matrix.json alone. Pure. */
import type { MatrixDocument, VersionClass } from "../evidence/matrix-types.ts";
import { CTRF_SPEC_VERSION, type CtrfStatus } from "./ctrf.ts";

export type MatrixCellExtra = {
  kind: "matrix-cell";
  version: string;
  classification: VersionClass;
  versionClassification: VersionClass;
  failed: string[];
  dialect: string | null;
};

export interface MatrixCtrfTest {
  name: string;
  status: CtrfStatus;
  duration: number;
  rawStatus: string;
  suite: string[];
  message?: string;
  extra: MatrixCellExtra;
}

export interface MatrixCtrf {
  reportFormat: "CTRF";
  specVersion: string;
  runId: string;
  timestamp: string;
  generatedBy: string;
  results: {
    tool: { name: string; version: string };
    summary: { tests: number; passed: number; failed: number; skipped: number; pending: number; other: number; start: number; stop: number; duration: number };
    tests: MatrixCtrfTest[];
  };
  extra: { kind: "matrix"; verdict: string; exitCode: number; firstFixed: string | null; command: string };
}

const STATUS: Record<VersionClass, CtrfStatus> = { fixed: "passed", "shows-bug": "failed", "other-failure": "failed", "not-applicable": "skipped", broken: "other" };

export function renderMatrixCtrf(doc: MatrixDocument): MatrixCtrf {
  const tests = doc.versions.flatMap((v) =>
    v.cells.map((c): MatrixCtrfTest => {
      const t: MatrixCtrfTest = {
        name: `${v.version}/${c.scenario}`,
        status: STATUS[c.class],
        duration: 0,
        rawStatus: c.class,
        suite: [`openclaw ${v.version}`],
        extra: { kind: "matrix-cell", version: v.version, classification: c.class, versionClassification: v.classification, failed: c.failed, dialect: c.dialect },
      };
      if (c.class !== "fixed") t.message = c.text;
      return t;
    }),
  );
  const count = (s: CtrfStatus): number => tests.filter((t) => t.status === s).length;
  const start = Date.parse(doc.startedAt) || 0;
  const stop = Math.max(start, Date.parse(doc.finishedAt) || 0);
  return {
    reportFormat: "CTRF",
    specVersion: CTRF_SPEC_VERSION,
    runId: doc.runId,
    timestamp: doc.finishedAt,
    generatedBy: `${doc.harness.name} ${doc.harness.version}`,
    results: {
      tool: { name: doc.harness.name, version: doc.harness.version },
      summary: { tests: tests.length, passed: count("passed"), failed: count("failed"), skipped: count("skipped"), pending: count("pending"), other: count("other"), start, stop, duration: stop - start },
      tests,
    },
    extra: { kind: "matrix", verdict: doc.summary.verdict, exitCode: doc.summary.exitCode, firstFixed: doc.summary.firstFixed, command: doc.command },
  };
}
