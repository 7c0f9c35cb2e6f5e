import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import type { MatrixDocument } from "./evidence/matrix-types.ts";
import type { Report } from "./evidence/types.ts";
import { validateMatrix } from "./evidence/validate-matrix.ts";
import { noSandboxLeft, runCli } from "./e2e-helpers.ts";

const work = await dir({ unsafeCleanup: true, prefix: "matrix-e2e-" });
afterAll(() => work.cleanup());

// The release before the fix (in the target cache once the shared proof ran its base) and the pinned one (used in
// place), one scenario: the merge is what is tested here, not the builds, so the run stays short. Which release first
// has the fix (2026.6.6) is the recorded release matrix's (fixtures/reports/recorded/matrix-releases.json).
const VERSIONS = ["2026.6.5", "2026.9.6"];
const SCENARIO = ["--scenario", "local-token-handoff"];
const CLI_MS = 300_000;

/** What must be equal: each row's class and cells, and the summary; never timings, paths or run ids. */
function verdicts(doc: MatrixDocument): unknown {
  return {
    scenarios: doc.scenarios,
    rows: doc.versions.map((v) => ({ version: v.version, classification: v.classification, failing: v.failing, dialects: v.dialects, cells: v.cells.map((c) => ({ scenario: c.scenario, status: c.status, class: c.class, failed: c.failed, dialect: c.dialect })) })),
    summary: { firstFixed: doc.summary.firstFixed, regressions: doc.summary.regressions, changes: doc.summary.changes, exitCode: doc.summary.exitCode },
  };
}

describe("matrix merge of separately produced smokes", () => {
  it("equals the local matrix of the same versions", { timeout: 1_200_000 }, async () => {
    // Single-version smokes, each its own process, report folder and TMPDIR, as separate CI runners would make
    // them. One after another: runners are separate machines, and runs at once on this one share its OpenClaw lock
    // folder (/tmp/openclaw-state-locks-<uid>), where each run's hygiene cannot tell the other's lock files from its own.
    const reports: string[] = [];
    for (const v of VERSIONS) {
      const folder = join(work.path, `runner-${v}`);
      const tmp = join(work.path, `runner-${v}-tmp`);
      await mkdir(tmp);
      const spec = v === "2026.9.6" ? [] : ["--openclaw", v];
      const r = await runCli(["smoke", ...spec, ...SCENARIO, "--json", "--report-dir", folder], { timeoutMs: CLI_MS, env: { TMPDIR: tmp } });
      await noSandboxLeft(tmp);
      expect([0, 1], String(r.stderr)).toContain(r.exitCode);
      const report = JSON.parse(String(r.stdout)) as Report;
      expect(report.targets[0]?.target.version).toBe(v);
      reports.push(join(folder, report.runId, "report.json"));
    }
    const merged = await runCli(["matrix", "merge", ...reports, "--json", "--report-dir", join(work.path, "merged")], { timeoutMs: CLI_MS });
    expect(merged.exitCode, String(merged.stderr)).toBe(0);
    const m = JSON.parse(String(merged.stdout)) as MatrixDocument;

    const local = await runCli(["matrix", "--versions", VERSIONS.join(","), ...SCENARIO, "--json", "--report-dir", join(work.path, "local")], { timeoutMs: CLI_MS * 2 });
    expect(local.exitCode, String(local.stderr)).toBe(0);
    const l = JSON.parse(String(local.stdout)) as MatrixDocument;

    for (const doc of [m, l]) expect(validateMatrix(doc).ok).toBe(true);
    expect(m.source).toBe("merge");
    expect(l.source).toBe("local");
    expect(verdicts(m)).toEqual(verdicts(l));
    expect(l.versions.map((v) => `${v.version} ${v.classification}`)).toEqual(["2026.6.5 shows-bug", "2026.9.6 fixed"]);
    expect(l.summary.firstFixed).toBe("2026.9.6");
    // Both wrote the same three outputs, matrix.md ending in the newest release's proof block.
    for (const folder of [join(work.path, "merged", m.runId), join(work.path, "local", l.runId)]) {
      const md = await readFile(join(folder, "matrix.md"), "utf8");
      expect(md).toContain("| 2026.6.5 | **BUG** | shows-bug |");
      expect(md).toMatch(/## Real behavior proof[\s\S]*openclaw 2026\.9\.6/);
      expect(JSON.parse(await readFile(join(folder, "ctrf.json"), "utf8")).results.tests).toHaveLength(VERSIONS.length);
    }
    await noSandboxLeft();
  });
});
