/** CTRF for a matrix: one test per version × scenario, suite [openclaw <version>]. Rendered from matrix.json alone. Pure. */
import type { MatrixDocument, VersionClass } from "../evidence/matrix-types.ts";
import { ctrfEnvelope, type CtrfEnvelope, type CtrfStatus, type CtrfTestOf } from "./ctrf-format.ts";

export type MatrixCellExtra = {
  kind: "matrix-cell";
  version: string;
  classification: VersionClass;
  versionClassification: VersionClass;
  failed: string[];
  dialect: string | null;
};

export type MatrixCtrfTest = CtrfTestOf<MatrixCellExtra>;

export type MatrixCtrf = CtrfEnvelope<MatrixCtrfTest, { kind: "matrix"; verdict: string; exitCode: number; firstFixed: string | null; command: string }>;

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
      if (c.class !== "fixed" || c.status === "failed") t.message = c.text;
      return t;
    }),
  );
  return ctrfEnvelope(doc, tests, { kind: "matrix", verdict: doc.summary.verdict, exitCode: doc.summary.exitCode, firstFixed: doc.summary.firstFixed, command: doc.command });
}
