import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dir } from "tmp-promise";
import { checkPrContext, checkProofPolicy } from "./render/markdown.ts";
import { readReport, reportPathFrom, runCli } from "./e2e-helpers.ts";

const reports = await dir({ unsafeCleanup: true, prefix: "proof-e2e-" });
afterAll(() => reports.cleanup());

describe("base against head on real builds: 2026.6.5 (before #87105) → 2026.6.6 (first with it)", () => {
  // Its own vitest timeout, above the CLI's 420 s, so execa kills the CLI (and its gateways' parent) first.
  it("classifies every expectation as declared and renders a proof block that OpenClaw's policy accepts", { timeout: 480_000 }, async () => {
    const md = join(reports.path, "proof.md");
    const r = await runCli(["proof", "--base", "2026.6.5", "--head", "2026.6.6", "--report-dir", reports.path, "--markdown", md], { timeoutMs: 420_000 });
    const out = String(r.all);
    expect(r.exitCode, out).toBe(0);
    const report = await readReport(reportPathFrom(out) as string);
    expect(report.targets.map((t) => [t.role, t.target.version])).toEqual([["base", "2026.6.5"], ["head", "2026.6.6"]]);
    const rows = report.comparison ?? [];
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((x) => !x.holds)).toEqual([]);
    for (const s of ["local-token-handoff", "fallback-local"]) {
      expect(rows.find((x) => x.scenario === s && x.expectation === "runtime-token")?.class).toBe("FAIL_TO_PASS");
      expect(rows.find((x) => x.scenario === s && x.expectation === "requester-decision")?.class).toBe("FAIL_TO_PASS");
    }
    for (const s of ["env-url-omission", "configured-remote-identity"]) {
      expect(rows.find((x) => x.scenario === s && x.expectation === "runtime-token")?.class).toBe("PASS_TO_PASS");
      expect(rows.find((x) => x.scenario === s && x.expectation === "resolve")?.class).toBe("PASS_TO_PASS");
      expect(rows.find((x) => x.scenario === s && x.expectation === "device-identity")?.class).toBe("FAIL_TO_PASS");
    }
    // The agent tool: 2026.6.5 sends its process-local token to every approval call, the fix only to the local target.
    expect(rows.find((x) => x.scenario === "agent-tool-local" && x.expectation === "runtime-token")?.class).toBe("FAIL_TO_PASS");
    expect(rows.find((x) => x.scenario === "agent-tool-env-url" && x.expectation === "runtime-token")?.class).toBe("FAIL_TO_PASS");
    expect(rows.find((x) => x.scenario === "agent-tool-env-url" && x.expectation === "device-identity")?.class).toBe("FAIL_TO_PASS");
    // The canonical resolver did not exist yet in either build: not applicable on both ends, never passed.
    expect(rows.find((x) => x.scenario === "canonical-exec-handoff")).toMatchObject({ base: "not-applicable", head: "not-applicable" });
    // Every refused resolve or connect on either end names the gateway check that made it.
    for (const t of report.targets) {
      for (const s of t.scenarios) for (const x of s.refusals.filter((y) => y.at === "connect" || y.at.endsWith("approval.resolve"))) expect(x.refusedBy, `${t.role} ${s.id}`).not.toBe("unattributed");
    }
    // The control: no shared file, no handoff, on both builds.
    expect(report.targets.every((t) => t.scenarios.find((s) => s.id === "unshared-home-runtime")?.status === "passed")).toBe(true);
    expect(report.preflight?.every((p) => p.ok)).toBe(true);

    const markdown = await readFile(md, "utf8");
    const policy = checkProofPolicy(markdown);
    expect(policy.problems).toEqual([]);
    expect(policy.ok).toBe(true);
    // OpenClaw's current PR-context check: both authored sections, with the real command and its output.
    const context = checkPrContext(markdown);
    expect(context.missing).toEqual([]);
    expect(context.sections.Evidence).toContain("```text");
    expect(context.sections.Evidence).toContain("FAIL_TO_PASS");
    // No secret of the run in any rendered output: the run's own scan found none.
    expect(report.hygiene.find((h) => h.id === "secrets")?.pass).toBe(true);
    expect(markdown).not.toContain(dirname(reports.path) + "/openclaw-smoke-");
  });
});
