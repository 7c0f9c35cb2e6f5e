/** CTRF for a matrix: one test per version × scenario, suite [openclaw <version>]. Rendered from matrix.json alone. Pure. */
import type { MatrixDocument, UpgradePath, VersionClass } from "../evidence/matrix-types.ts";
import { ctrfEnvelope, type CtrfEnvelope, type CtrfStatus, type CtrfTestOf } from "./ctrf-format.ts";

export type MatrixCellExtra = {
  kind: "matrix-cell";
  version: string;
  classification: VersionClass;
  versionClassification: VersionClass;
  failed: string[];
  dialect: string | null;
};

/** An upgrade matrix's path from one release to the target: one test per release. */
export type MatrixUpgradeExtra = {
  kind: "upgrade-path";
  version: string;
  to: string;
  outcome: UpgradePath["outcome"];
  manualStep: string | null;
  socketTokenSurvived: boolean | null;
};

export type MatrixCtrfTest = CtrfTestOf<MatrixCellExtra | MatrixUpgradeExtra>;

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
  const to = doc.upgradeTo;
  if (to !== undefined) {
    for (const v of doc.versions) {
      const u = v.upgrade ?? null;
      tests.push({
        name: `${v.version} → ${to}`,
        status: u === null || u.outcome === "unknown" ? "skipped" : u.outcome === "breaks" ? "failed" : "passed",
        duration: 0,
        rawStatus: u?.outcome ?? "unknown",
        suite: [`upgrade to openclaw ${to}`],
        message: u?.text ?? "no report to read the path from",
        extra: { kind: "upgrade-path", version: v.version, to, outcome: u?.outcome ?? "unknown", manualStep: u?.manualStep ?? null, socketTokenSurvived: u?.socketTokenSurvived ?? null },
      });
    }
  }
  return ctrfEnvelope(doc, tests, { kind: "matrix", verdict: doc.summary.verdict, exitCode: doc.summary.exitCode, firstFixed: doc.summary.firstFixed, command: doc.command });
}
