import { describe, expect, it } from "vitest";
import { SAMPLES } from "../evidence/sample-reports.ts";
import { validateMatrix } from "../evidence/validate-matrix.ts";
import { changes } from "../../scenarios/changes.ts";
import type { VersionOutcome } from "./classify.ts";
import { buildMatrix } from "./document.ts";
import { renderMatrixTerminal } from "../render/matrix-terminal.ts";
import { renderMatrixMarkdown } from "../render/matrix-markdown.ts";
import { renderMatrixCtrf } from "../render/matrix-ctrf.ts";
import { checkProofPolicy } from "../render/markdown.ts";
import { validate } from "ctrf";

const CORE = ["local-token-handoff", "env-url-omission", "configured-remote-identity", "fallback-local"];
const host = { os: "linux", release: "6", arch: "x64", cpus: 2, memoryBytes: 1, harnessNode: "v24.21.0" };
const meta = {
  runId: "m",
  command: "corepack pnpm matrix",
  source: "local" as const,
  harness: { name: "h", version: "0" },
  host,
  startedAt: "2026-12-02T00:00:00.000Z",
  finishedAt: "2026-12-02T00:10:00.000Z",
  versionList: { source: "registry" as const, fetchedAt: null, all: [], prereleases: false, from: null, to: null, explicit: null, selected: [] },
  disk: null,
};

function smoke(version: string, kind: "smoke-pass" | "smoke-fail"): VersionOutcome {
  const report = SAMPLES[kind]();
  const t = report.targets[0];
  if (t) t.target.version = version;
  return { version, report, reportPath: `versions/${version}/report.json`, logTail: null };
}

const regressed = (): VersionOutcome[] => [smoke("2026.6.6", "smoke-pass"), smoke("2026.6.5", "smoke-fail"), smoke("2026.7.1", "smoke-fail"), smoke("2026.6.10", "smoke-pass")];

describe("buildMatrix", () => {
  it("sorts by semver, finds the first fixed release, and exits 0 when every later one is fixed or has its reason", () => {
    const broken: VersionOutcome = { version: "2026.6.8", failure: { class: "broken", reason: "npm install failed", logTail: "E404" }, provisionMs: 1 };
    const doc = buildMatrix([smoke("2026.6.6", "smoke-pass"), broken, smoke("2026.6.5", "smoke-fail")], CORE, changes, meta);
    expect(doc.versions.map((v) => `${v.version} ${v.classification}`)).toEqual(["2026.6.5 shows-bug", "2026.6.6 fixed", "2026.6.8 broken"]);
    expect(doc.summary).toMatchObject({ firstFixed: "2026.6.6", regressions: [], exitCode: 0 });
    expect(doc.summary.changes.find((c) => c.scenario === "local-token-handoff")?.transitions).toEqual([{ from: "2026.6.5", to: "2026.6.6", before: "shows-bug", after: "fixed" }]);
    expect(doc.newest?.targets[0]?.target.version).toBe("2026.6.6");
    const v = validateMatrix(doc);
    expect(v.ok ? [] : v.errors).toEqual([]);
  });

  it("a later release that shows the bug again is a regression: exit 1, named in one line", () => {
    const doc = buildMatrix(regressed(), CORE, changes, meta);
    expect(doc.summary.exitCode).toBe(1);
    expect(doc.summary.regressions).toEqual([expect.stringMatching(/^2026\.7\.1: local-token-handoff FAIL \(/)]);
    expect(doc.summary.verdict).toMatch(/^REGRESSION after 2026.6.6/);
  });

  it("the schema rejects what the type forbids", () => {
    const doc = buildMatrix(regressed(), CORE, changes, meta);
    const bad = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
    (bad.versions as Array<Record<string, unknown>>)[0]!.classification = "fine";
    bad.extra = 1;
    const v = validateMatrix(bad);
    expect(v.ok).toBe(false);
    expect(v.ok ? [] : v.errors.join("\n")).toMatch(/unexpected property "extra"[\s\S]*classification/);
  });
});

describe("the matrix renderers", () => {
  const doc = buildMatrix(regressed(), CORE, changes, meta);
  it("terminal: versions down, scenarios across, one cell each, the regression line last", () => {
    const t = renderMatrixTerminal(doc, { color: false });
    expect(t).toMatch(/^version\s+1\s+2\s+3\s+4\s+class$/m);
    expect(t).toMatch(/^2026\.6\.5\s+BUG\s+BUG\s+BUG\s+BUG\s+shows-bug$/m);
    expect(t).toMatch(/^2026\.6\.6\s+pass\s+pass\s+pass\s+pass\s+fixed$/m);
    expect(t).toMatch(/REGRESSION after 2026\.6\.6: 2026\.7\.1: local-token-handoff FAIL/);
  });

  it("matrix.md: the table, where each verdict changed, and a proof block the proof check accepts", () => {
    const md = renderMatrixMarkdown(doc, { newestReportPath: "versions/2026.7.1/report.json" });
    expect(md).toContain("| 2026.6.5 | **BUG** | **BUG** | **BUG** | **BUG** | shows-bug |");
    expect(md).toContain("- `local-token-handoff`: 2026.6.5 (shows-bug) → 2026.6.6 (fixed), 2026.6.10 (fixed) → 2026.7.1 (shows-bug)");
    const check = checkProofPolicy(md.slice(md.indexOf("## Real behavior proof")));
    expect(check.problems).toEqual([]);
  });

  it("CTRF: one test per version × scenario, valid against the ctrf package's schema", () => {
    const c = renderMatrixCtrf(doc);
    expect(c.results.tests).toHaveLength(16);
    expect(c.results.tests[0]).toMatchObject({ name: "2026.6.5/local-token-handoff", status: "failed", rawStatus: "shows-bug" });
    expect(validate(JSON.parse(JSON.stringify(c))).errors).toEqual([]);
  });
});

describe("matrix findings (sample reports, no gateway)", () => {
  it("carries each scenario's findings into its cell and lists them in matrix.md with the releases that recorded them", () => {
    const finding = "the runtime presented a device identity together with the derived approval-runtime token; the gateway answered hello-ok";
    const withFinding = (version: string): VersionOutcome => {
      const o = smoke(version, "smoke-pass");
      if ("report" in o) o.report.targets[0]!.scenarios[0]!.findings = [finding];
      return o;
    };
    const doc = buildMatrix([smoke("2026.6.6", "smoke-pass"), withFinding("2026.6.9"), withFinding("2026.6.10")], CORE, changes, meta);
    expect(validateMatrix(doc).ok).toBe(true);
    expect(doc.versions.map((v) => v.classification)).toEqual(["fixed", "fixed", "fixed"]);
    expect(doc.versions[1]!.cells[0]!.findings).toEqual([finding]);
    const md = renderMatrixMarkdown(doc, { newestReportPath: null });
    expect(md).toContain(`- \`${CORE[0]}\`: ${finding} (2026.6.9, 2026.6.10)`);
  });
});
