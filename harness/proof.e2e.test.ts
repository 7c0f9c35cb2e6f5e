/**
 * A proof on real builds, base 2026.6.5 (before #87105) against a built checkout of the pinned build: read from the
 * shared proof (e2e-shared-proof.ts), the one the action's entry runs. The first release with the fix, 2026.6.6, is
 * classified `fixed` in the recorded release matrix (fixtures/reports/recorded/matrix-releases.json).
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { checkPrContext, checkProofPolicy } from "./render/markdown.ts";
import { sharedProof, SHARED_PROOF_TIMEOUT_MS } from "./e2e-shared-proof.ts";

describe("base against head on real builds: 2026.6.5 (before #87105) → the pinned build", () => {
  it("classifies every expectation as declared and renders a proof block that OpenClaw's policy accepts", { timeout: SHARED_PROOF_TIMEOUT_MS }, async () => {
    const { report, base, head, outputs, tmp } = await sharedProof();
    expect(base.target.version).toBe("2026.6.5");
    expect(head.target.kind).toBe("source");
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
    // The canonical resolver did not exist yet in the base: not applicable there, never passed; the head has it.
    const canonical = rows.filter((x) => x.scenario === "canonical-exec-handoff");
    expect(canonical.length).toBeGreaterThan(0);
    for (const x of canonical) expect(x).toMatchObject({ base: "not-applicable", head: "pass", class: "INCOMPLETE" });
    // Every refused resolve or connect on either end names the gateway check that made it.
    for (const t of report.targets) {
      for (const s of t.scenarios) for (const x of s.refusals.filter((y) => y.at === "connect" || y.at.endsWith("approval.resolve"))) expect(x.refusedBy, `${t.role} ${s.id}`).not.toBe("unattributed");
    }
    // The control: no shared file, no handoff, on both builds.
    expect(report.targets.every((t) => t.scenarios.find((s) => s.id === "unshared-home-runtime")?.status === "passed")).toBe(true);
    expect(report.preflight?.every((p) => p.ok)).toBe(true);

    const markdown = await readFile(outputs.markdown as string, "utf8");
    const policy = checkProofPolicy(markdown);
    expect(policy.problems).toEqual([]);
    expect(policy.ok).toBe(true);
    // OpenClaw's current PR-context check: both authored sections, with the real command and its output.
    const context = checkPrContext(markdown);
    expect(context.missing).toEqual([]);
    expect(context.sections.Evidence).toContain("```text");
    expect(context.sections.Evidence).toContain("FAIL_TO_PASS");
    // No secret of the run in any rendered output: the run's own scan found none; no sandbox path either.
    expect(report.hygiene.find((h) => h.id === "secrets")?.pass).toBe(true);
    expect(markdown).not.toContain(`${tmp}/openclaw-smoke-`);
  });
});
